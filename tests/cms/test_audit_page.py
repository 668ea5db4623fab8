"""The administrators' audit page: filters, details, the chain's verification, a constant
query budget, 404 for everyone else, and no way to edit or delete an event."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.snippets.models import get_snippet_models

from cms.audit import REPORT_CACHE_KEY, record, verify_chain
from cms.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/audit/"


@pytest.fixture(autouse=True)
def no_earlier_report():
    """The last verification is kept in the cache; start each test without one."""
    cache.delete(REPORT_CACHE_KEY)


@pytest.fixture
def events(learner, supervisor, lead):
    """Events by three people about each other, oldest first."""
    record(actor=learner, action="hours.created", target=learner, hours="1.5")
    record(actor=learner, action="hours.submitted", target=learner)
    record(actor=supervisor, action="hours.approved", target=learner, comment_id=7)
    record(actor=lead, action="cohort.members.added", target=supervisor, user=learner.pk)
    record(actor=None, action="system.cleanup")
    return list(AuditEvent.objects.order_by("sequence"))


def listed(response) -> list[int]:
    return [event.sequence for event in response.context["object_list"]]


def test_administrators_see_the_log_newest_first(client, administrator, events):
    client.force_login(administrator)
    response = client.get(INDEX)
    assert response.status_code == 200
    assert listed(response) == [5, 4, 3, 2, 1]
    html = response.content.decode()
    assert "hours.approved" in html and "nobody (system)" in html


@pytest.mark.parametrize("who", ["anonymous", "learner", "supervisor", "lead"])
def test_everyone_else_gets_404_everywhere(client, who, request, events):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in (INDEX, f"{INDEX}results/", f"{INDEX}{events[0].pk}/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{INDEX}verify/").status_code == 404


def test_the_menu_item_is_shown_only_to_those_who_may_read_the_log(client, administrator, lead):
    client.force_login(administrator)
    assert INDEX in client.get("/admin/").content.decode()
    client.force_login(lead)
    assert INDEX not in client.get("/admin/").content.decode()


def test_the_permission_alone_opens_the_page(client, lead, events):
    lead.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    client.force_login(lead)
    assert client.get(INDEX).status_code == 200


FILTERS = [
    # (query, sequences listed)
    ({"person": "lene"}, [2, 1]),
    ({"person": "siri"}, [3]),
    ({"action": "hours."}, [3, 2, 1]),
    ({"action": "cohort"}, [4]),
    ({"object": "siri"}, [4]),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=[str(q) for q, _ in FILTERS])
def test_it_filters_by_person_action_and_object_text(
    client, administrator, events, query, expected
):
    client.force_login(administrator)
    assert listed(client.get(INDEX, query)) == expected


def test_it_filters_by_user_id_and_by_object_type_and_id(client, administrator, events, learner):
    client.force_login(administrator)
    assert listed(client.get(INDEX, {"person": str(learner.pk)})) == [2, 1]
    user_type = events[0].target_type_id
    query = {"object_type": user_type, "object_id": str(learner.pk)}
    assert listed(client.get(INDEX, query)) == [3, 2, 1]


def test_it_filters_by_date_range(client, administrator, events):
    today = timezone.localdate()
    client.force_login(administrator)
    query = {"created_at_after": today.isoformat(), "created_at_before": today.isoformat()}
    assert listed(client.get(INDEX, query)) == [5, 4, 3, 2, 1]
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    assert listed(client.get(INDEX, {"created_at_after": tomorrow})) == []


def test_fifty_events_to_a_page(client, administrator, learner):
    for number in range(60):
        record(actor=learner, action="test.page", n=number)
    client.force_login(administrator)
    first = client.get(INDEX)
    assert listed(first) == list(range(60, 10, -1))
    assert listed(client.get(INDEX, {"p": 2})) == list(range(10, 0, -1))


def test_the_detail_shows_the_data_and_the_place_in_the_chain(client, administrator, events):
    client.force_login(administrator)
    event = events[2]
    response = client.get(f"{INDEX}{event.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "&quot;comment_id&quot;: 7" in html
    assert event.hash in html and event.prev_hash in html
    assert response.context["previous_pk"] == events[1].pk
    assert response.context["next_pk"] == events[3].pk
    assert response.context["standing"] == "unverified"


def test_verifying_from_the_page_shows_the_result(client, administrator, events):
    client.force_login(administrator)
    response = client.post(f"{INDEX}verify/", follow=True)
    html = response.content.decode()
    assert "The audit chain is intact: 5 events verified." in html
    assert "Intact: 5 events verified" in html
    detail = client.get(f"{INDEX}{events[0].pk}/")
    assert detail.context["standing"] == "verified"


def test_a_broken_chain_is_shown_with_the_first_broken_link(client, administrator, events):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE cms_auditevent DISABLE TRIGGER cms_auditevent_append_only")
    models.QuerySet.update(AuditEvent.objects.filter(sequence=3), data={"comment_id": 8})
    client.force_login(administrator)
    response = client.post(f"{INDEX}verify/", follow=True)
    html = response.content.decode()
    assert "The audit chain is broken at sequence 3" in html
    assert f"{INDEX}{events[2].pk}/" in html
    assert client.get(f"{INDEX}{events[1].pk}/").context["standing"] == "before_break"
    assert client.get(f"{INDEX}{events[3].pk}/").context["standing"] == "broken"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_page_costs_the_same_queries_for_10_and_200_events(
    client, administrator, django_assert_max_num_queries
):
    people = [UserFactory(username=f"person{n}") for n in range(10)]
    for number in range(10):
        record(actor=people[number % 10], action="test.budget", target=people[number % 7])
    client.force_login(administrator)
    _queries(client, INDEX)  # warm caches (content types, permissions)
    ten = _queries(client, INDEX)
    ten_filtered = _queries(client, f"{INDEX}?person=person&action=test")
    for number in range(190):
        record(actor=people[number % 10], action="test.budget", target=people[number % 7])
    with django_assert_max_num_queries(ten):
        client.get(INDEX)
    assert _queries(client, INDEX) == ten
    assert _queries(client, f"{INDEX}?person=person&action=test") == ten_filtered
    assert _queries(client, f"{INDEX}{AuditEvent.objects.first().pk}/") <= ten
    print(f"audit page: {ten} queries for 10 and for 200 events")


def test_no_admin_view_can_edit_or_delete_an_event(client, administrator, events):
    assert AuditEvent not in admin.site._registry
    assert AuditEvent not in get_snippet_models()
    assert AuditEvent._meta.default_permissions == ("view",)
    assert not Permission.objects.filter(
        content_type__app_label="cms", codename__in=["change_auditevent", "delete_auditevent"]
    ).exists()
    client.force_login(administrator)
    for url in (f"{INDEX}{events[0].pk}/edit/", f"{INDEX}{events[0].pk}/delete/"):
        assert client.post(url).status_code == 404
    assert verify_chain().ok
