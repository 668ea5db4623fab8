"""Query budgets: the supervisor's queue and the learner's log cost the same number of
queries for 5 entries as for 200."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learners.models import HoursEntry, Supervision
from tests.factories import UserFactory

from .conftest import PASSWORD, days_ago

# The page itself needs 3 (queue, supervisions, profile) or 6 (log); the rest is the
# session, the user and the base template (site, settings, catalogue, permissions), plus
# a few caches warmed on the first request of a test.
QUEUE_BUDGET = 21  # +5: the menu's work counts (roles, sign-off, shared entries, essays)
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
    assert response.content.decode().count('name="entries"') == count


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


def test_approving_many_costs_a_bounded_number_of_queries_per_entry(
    client, supervisor, supervisees, counselling
):
    fill(supervisees, counselling, 10)
    client.force_login(supervisor)
    ids = list(HoursEntry.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        client.post(
            reverse("learners:signoff"),
            {"entries": ids, "decision": "approve", "password": PASSWORD},
        )
    assert HoursEntry.objects.filter(status="approved").count() == 10
    # Per entry: the approval, plus three for its audit event (lock the chain head, insert
    # the event, move the head).
    assert len(queries) <= 20 + 10 * 10, len(queries)
