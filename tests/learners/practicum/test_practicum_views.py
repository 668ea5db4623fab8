"""The practicum pages: the learner logs and submits a meeting, their mentor confirms or
returns it from the queue, and anybody else gets a 404 — another mentor, a supervisor,
the programme's lead, an administrator."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learners.practicum.models import PracticumEntry
from learners.practicum.views import QUEUE_PAGE_SIZE
from tests.factories import UserFactory, make_lead

from .conftest import days_ago, form_data, log_meeting


def test_the_learner_logs_and_submits_a_meeting(client, mentee, mentor, smart):
    client.force_login(mentee)
    page = client.get(reverse("learners:practicum-new")).content.decode()
    assert "could identify" in page  # the warning against identifying details
    response = client.post(reverse("learners:practicum-new"), {**form_data(smart), "submit": "1"})
    entry = PracticumEntry.objects.get()
    assert response.status_code == 302 and entry.status == PracticumEntry.Status.SUBMITTED
    assert entry.format == "online" and entry.attendees is None


def test_bad_input_is_refused_with_a_reason_and_nothing_saved(client, mentee, mentor, smart):
    client.force_login(mentee)
    data = form_data(smart, date=days_ago(-2).isoformat(), duration_minutes="0")
    response = client.post(reverse("learners:practicum-new"), data)
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not PracticumEntry.objects.exists()


def test_the_mentor_confirms_from_the_entry_page(client, mentee, mentor, smart):
    entry = log_meeting(mentee, smart, status="submitted")
    client.force_login(mentor)
    assert "Save the decision" in client.get(entry_url(entry)).content.decode()
    response = client.post(decide_url(entry), {"decision": "confirm", "comment": ""})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == PracticumEntry.Status.CONFIRMED


def test_a_return_without_a_comment_is_refused_on_the_page(client, mentee, mentor, smart):
    entry = log_meeting(mentee, smart, status="submitted")
    client.force_login(mentor)
    response = client.post(decide_url(entry), {"decision": "return", "comment": ""})
    assert response.status_code == 400
    assert "needs a comment" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == PracticumEntry.Status.SUBMITTED


def test_a_confirmed_meeting_cannot_be_edited_or_deleted_by_its_learner(
    client, mentee, mentor, smart
):
    entry = log_meeting(mentee, smart, status="confirmed", mentor=mentor)
    client.force_login(mentee)
    assert client.get(reverse("learners:practicum-edit", args=[entry.pk])).status_code == 404
    client.post(reverse("learners:practicum-delete", args=[entry.pk]))
    assert PracticumEntry.objects.filter(pk=entry.pk).exists()


@pytest.fixture
def outsiders(roles, other_mentor, supervisor, lead, administrator, smart):
    make_lead(lead, smart)
    return [other_mentor, supervisor, lead, administrator, UserFactory(username="fremmed")]


def test_nobody_else_sees_or_decides_a_meeting(client, mentee, mentor, smart, outsiders):
    entry = log_meeting(mentee, smart, status="submitted")
    for person in outsiders:
        client.force_login(person)
        assert client.get(entry_url(entry)).status_code == 404, person
        assert client.post(decide_url(entry), {"decision": "confirm"}).status_code == 404
        assert client.post(reverse("learners:practicum-submit", args=[entry.pk])).status_code == 404
        assert (
            entry_url(entry) not in client.get(reverse("learners:practicum-queue")).content.decode()
        )
    entry.refresh_from_db()
    assert entry.status == PracticumEntry.Status.SUBMITTED


def test_the_mentor_does_not_see_a_draft_nor_change_a_meeting(client, mentee, mentor, smart):
    draft = log_meeting(mentee, smart)
    submitted = log_meeting(mentee, smart, status="submitted")
    client.force_login(mentor)
    assert client.get(entry_url(draft)).status_code == 404
    assert client.get(entry_url(submitted)).status_code == 200
    assert client.get(reverse("learners:practicum-edit", args=[submitted.pk])).status_code == 404


def fill(learners, programme, count):
    PracticumEntry.objects.bulk_create(
        PracticumEntry(
            learner=learners[n % len(learners)], programme=programme,
            date=days_ago(1 + n % 25), role="co-facilitator", duration_minutes=60,
            reflection=f"Møte {n}", status=PracticumEntry.Status.SUBMITTED,
        )
        for n in range(count)
    )  # fmt: skip


# Measured 11 at 200 meetings: the session, the user, the base template, the queue
# (count and page); a little room for the per-process caches.
QUEUE_BUDGET = 14


@pytest.mark.parametrize("count", [5, 120])
def test_the_queue_stays_within_its_budget(
    client, mentee, mentor, smart, count, django_assert_max_num_queries
):
    others = [UserFactory(username=f"mentee{n}") for n in range(3)]
    for person in others:
        mentor.mentees.create(learner=person, programme=smart, starts_on=days_ago(30))
    fill([mentee, *others], smart, count)
    client.force_login(mentor)
    client.get(reverse("learners:practicum-queue"))  # warm the per-process caches
    with django_assert_max_num_queries(QUEUE_BUDGET):
        response = client.get(reverse("learners:practicum-queue"))
    page = response.content.decode()
    assert page.count("/practicum/") - page.count('href="/practicum/mentor/') >= min(
        count, QUEUE_PAGE_SIZE
    )
    assert f"{count} meetings wait for you" in page


def test_the_queue_and_the_log_cost_the_same_for_5_and_120_meetings(client, mentee, mentor, smart):
    def queries(person, name):
        client.force_login(person)
        client.get(reverse(name))  # warm the per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name)).status_code == 200
        return len(captured)

    fill([mentee], smart, 5)
    few = queries(mentor, "learners:practicum-queue"), queries(mentee, "learners:practicum")
    fill([mentee], smart, 115)
    many = queries(mentor, "learners:practicum-queue"), queries(mentee, "learners:practicum")
    assert few == many, (few, many)


def entry_url(entry):
    return reverse("learners:practicum-entry", args=[entry.pk])


def decide_url(entry):
    return reverse("learners:practicum-decide", args=[entry.pk])
