"""Query budgets: the supervisor's queue and the learner's log cost the same number of
queries for 5 entries as for 200; approving and submitting many entries cost the same
for 2 as for 20."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.audit import verify_chain
from cms.models import AuditEvent
from learners.hours.views import QUEUE_PAGE_SIZE
from learners.models import HoursEntry, Supervision
from tests.factories import UserFactory

from .conftest import PASSWORD, days_ago

# The page itself needs 4 (queue count and page, supervisions, profile) or 6 (log); the rest is the
# session, the user and the base template (site, settings, catalogue, permissions), plus
# a few caches warmed on the first request of a test.
QUEUE_BUDGET = 23  # +5: the menu's work counts (roles, sign-off, shared entries, essays)
LOG_BUDGET = 18


SIGNED = {"signed_at": timezone.now(), "content_sha256": "0" * 64, "signer_name": "Siri"}


def fill(learners, category, count, status="submitted"):
    HoursEntry.objects.bulk_create(
        HoursEntry(
            learner=learners[n % len(learners)],
            programme=category.programme,
            category=category,
            date=days_ago(1 + n % 90),
            hours=Decimal("0.25"),
            setting="Poliklinikken",
            description=f"Samtale {n}",
            status=status,
            **(SIGNED if status == "approved" else {}),
        )
        for n in range(count)
    )


@pytest.fixture
def supervisees(learner, supervisor, counselling):
    others = [UserFactory(username=f"learner{n}") for n in range(4)]
    supervision = Supervision.objects.get(supervisor=supervisor, learner=learner)
    for other in others:
        Supervision.objects.create(
            learner=other,
            supervisor=supervisor,
            programme=counselling.programme,
            starts_on=supervision.starts_on,
        )
    return [learner, *others]


def count_queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (content types, site root)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("count", [5, 200])
def test_the_queue_stays_within_its_budget(
    client, supervisor, supervisees, counselling, count, django_assert_max_num_queries
):
    fill(supervisees, counselling, count)
    client.force_login(supervisor)
    with django_assert_max_num_queries(QUEUE_BUDGET):
        response = client.get(reverse("learners:signoff"))
    # One page of the queue at a time; the caption counts them all.
    assert response.content.decode().count('name="entries"') == min(count, QUEUE_PAGE_SIZE)
    assert f"{count} entries wait for your decision" in response.content.decode()


def test_the_queue_is_paged_and_its_last_page_holds_the_rest(
    client, supervisor, supervisees, counselling
):
    fill(supervisees, counselling, QUEUE_PAGE_SIZE + 3)
    client.force_login(supervisor)
    first = client.get(reverse("learners:signoff")).content.decode()
    assert 'rel="next"' in first
    last = client.get(reverse("learners:signoff"), {"page": 2}).content.decode()
    assert last.count('name="entries"') == 3


def test_the_queue_does_not_read_entries_of_people_it_does_not_supervise(
    supervisor, supervisees, counselling
):
    """The query is driven by the supervisor's supervisees: whatever else is waiting in
    the system, its plan starts from their entries (an index on the learner), never
    from a scan of every submitted entry."""
    queryset = HoursEntry.objects.pending_for(supervisor)
    sql, params = queryset.query.sql_with_params()
    learner_column = 'learner_id" IN (SELECT'
    assert learner_column in sql, sql


def test_the_queue_costs_the_same_for_5_and_200_entries(
    client, supervisor, supervisees, counselling
):
    client.force_login(supervisor)
    fill(supervisees, counselling, 5)
    few = count_queries(client, reverse("learners:signoff"))
    fill(supervisees, counselling, 195)
    many = count_queries(client, reverse("learners:signoff"))
    assert few == many, (few, many)


def test_the_log_costs_the_same_for_5_and_200_entries(client, learner, counselling):
    client.force_login(learner)
    fill([learner], counselling, 5, status="draft")
    few = count_queries(client, reverse("learners:hours"))
    fill([learner], counselling, 195, status="approved")
    many = count_queries(client, reverse("learners:hours"))
    assert few == many <= LOG_BUDGET, (few, many)


def approve(client, ids):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("learners:signoff"),
            {"entries": ids, "decision": "approve", "password": PASSWORD},
        )
    assert response.status_code == 302
    return len(queries)


def test_approving_2_or_20_entries_costs_the_same_queries(client, supervisor, learner, counselling):
    """All entries of one learner, so the one announcement per learner and programme is
    the same; the entries' own work (lock, check, sign, audit) does not grow with them."""
    fill([learner], counselling, 23)
    client.force_login(supervisor)
    ids = list(HoursEntry.objects.order_by("pk").values_list("pk", flat=True))
    approve(client, ids[:1])  # the password, asked once per 15 minutes, is confirmed here
    few = approve(client, ids[1:3])
    many = approve(client, ids[3:23])
    assert HoursEntry.objects.filter(status="approved").count() == 23
    assert few == many, (few, many)
    # Each signature is its own audit event, consecutive links of an intact chain.
    events = AuditEvent.objects.filter(action="hours.approved")
    assert sorted(int(e.target_id) for e in events) == ids
    assert all(e.data["sha256"] for e in events)
    assert verify_chain().ok


def test_submitting_2_or_20_entries_costs_the_same_queries(client, learner, counselling):
    fill([learner], counselling, 22, status="draft")
    client.force_login(learner)
    ids = list(HoursEntry.objects.order_by("pk").values_list("pk", flat=True))

    def submit(chosen):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(reverse("learners:hours_submit"), {"entries": chosen})
        assert response.status_code == 302
        return len(queries)

    few, many = submit(ids[:2]), submit(ids[2:22])
    assert HoursEntry.objects.filter(status="submitted").count() == 22
    assert few == many, (few, many)
    assert AuditEvent.objects.filter(action="hours.submitted").count() == 22
    assert verify_chain().ok
