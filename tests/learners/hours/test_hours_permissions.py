"""Who sees what: learners their own, supervisors their supervisees within the period,
everyone else a 404 — and every refusal is logged."""

import datetime
import logging

import pytest
from django.urls import reverse

from learners.models import Cohort, HoursEntry, Organisation, Supervision
from tests.factories import UserFactory, make_lead

from .conftest import PASSWORD, days_ago, log_hours


@pytest.fixture
def submitted(learner, counselling):
    return log_hours(learner, counselling, status="submitted")


def assert_refused(client, user, url, caplog, method="get", data=None):
    client.force_login(user)
    with caplog.at_level(logging.WARNING, logger="learners"):
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 404
    assert any("refused" in record.getMessage() for record in caplog.records)
    caplog.clear()


def test_another_learner_gets_404_and_it_is_logged(client, roles, submitted, caplog):
    stranger = UserFactory(username="stranger")
    for url in (
        submitted.get_absolute_url(),
        reverse("learners:hours_edit", args=[submitted.pk]),
        reverse("learners:hours_correct", args=[submitted.pk]),
        reverse("learners:hours_progress", args=[submitted.programme_id, submitted.learner_id]),
        reverse(
            "learners:hours_export", args=[submitted.programme_id, submitted.learner_id, "csv"]
        ),
    ):
        assert_refused(client, stranger, url, caplog)
    assert_refused(
        client, stranger, reverse("learners:hours_delete", args=[submitted.pk]), caplog, "post"
    )
    assert_refused(
        client,
        stranger,
        reverse("learners:hours_submit"),
        caplog,
        "post",
        {"entries": submitted.pk},
    )
    assert HoursEntry.objects.filter(pk=submitted.pk).exists()


def test_another_supervisor_gets_404(client, other_supervisor, submitted, caplog):
    assert_refused(client, other_supervisor, submitted.get_absolute_url(), caplog)
    assert_refused(
        client,
        other_supervisor,
        reverse("learners:signoff"),
        caplog,
        "post",
        {"entries": submitted.pk, "decision": "approve", "password": PASSWORD},
    )
    client.force_login(other_supervisor)
    assert submitted.description not in client.get(reverse("learners:signoff")).content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


@pytest.mark.parametrize(
    ("starts", "ends"),
    [
        (-400, -30),  # ended a month ago
        (10, None),  # starts in ten days
        (0, None),  # began today, after the entry's date
    ],
)
def test_a_supervisor_outside_the_supervision_period_gets_404(
    client, supervisor, submitted, caplog, starts, ends
):
    today = datetime.date.today()
    Supervision.objects.filter(supervisor=supervisor).update(
        starts_on=today + datetime.timedelta(days=starts),
        ends_on=ends and today + datetime.timedelta(days=ends),
    )
    assert_refused(client, supervisor, submitted.get_absolute_url(), caplog)
    assert_refused(
        client,
        supervisor,
        reverse("learners:signoff"),
        caplog,
        "post",
        {"entries": submitted.pk, "decision": "approve", "password": PASSWORD},
    )
    assert not HoursEntry.objects.pending_for(supervisor).exists()
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_a_learner_cannot_sign_their_own_entries(client, learner, submitted, caplog):
    assert_refused(
        client,
        learner,
        reverse("learners:signoff"),
        caplog,
        "post",
        {"entries": submitted.pk, "decision": "approve", "password": PASSWORD},
    )


def test_a_supervisor_cannot_change_a_supervisees_entry(
    client, supervisor, learner, counselling, caplog
):
    draft = log_hours(learner, counselling)
    assert_refused(client, supervisor, reverse("learners:hours_edit", args=[draft.pk]), caplog)
    assert_refused(
        client, supervisor, reverse("learners:hours_delete", args=[draft.pk]), caplog, "post"
    )


def test_who_sees_an_entry(client, learner, supervisor, administrator, lead, submitted, caplog):
    for user in (learner, supervisor, administrator):
        client.force_login(user)
        assert client.get(submitted.get_absolute_url()).status_code == 200
    assert_refused(client, lead, submitted.get_absolute_url(), caplog)
    organisation = Organisation.objects.create(name="Loland", slug="loland")
    cohort = Cohort.objects.create(
        organisation=organisation, programme=submitted.programme, name="R1", lead=lead
    )
    make_lead(lead, submitted.programme)
    cohort.members.add(learner)
    client.force_login(lead)
    assert client.get(submitted.get_absolute_url()).status_code == 200
    progress = reverse("learners:hours_progress", args=[submitted.programme_id, learner.pk])
    assert client.get(progress).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, submitted):
    response = client.get(submitted.get_absolute_url())
    assert response.status_code == 302 and reverse("login") in response.url


def test_entries_dated_before_the_supervision_are_not_the_supervisors(
    client, supervisor, learner, counselling
):
    Supervision.objects.filter(supervisor=supervisor).update(starts_on=days_ago(5))
    old = log_hours(learner, counselling, status="submitted", date=days_ago(6))
    new = log_hours(learner, counselling, status="submitted", date=days_ago(4))
    assert list(HoursEntry.objects.pending_for(supervisor)) == [new]
    assert old not in HoursEntry.objects.supervised_by(supervisor)


def test_a_draft_is_the_learners_alone(client, learner, supervisor, lead, counselling, caplog):
    draft = log_hours(learner, counselling, description="DRAFT-NOT-SUBMITTED")
    organisation = Organisation.objects.create(name="Loland", slug="loland")
    cohort = Cohort.objects.create(
        organisation=organisation, programme=draft.programme, name="R1", lead=lead
    )
    cohort.members.add(learner)
    for person in (supervisor, lead):
        assert_refused(client, person, draft.get_absolute_url(), caplog)
    client.force_login(learner)
    assert "DRAFT-NOT-SUBMITTED" in client.get(draft.get_absolute_url()).content.decode()


@pytest.mark.parametrize("value", ["9" * 30, str(2**63), "²", "1e3"])
def test_ticking_an_id_that_cannot_be_one_is_a_refusal(client, learner, counselling, value):
    draft = log_hours(learner, counselling)
    client.force_login(learner)
    response = client.post(reverse("learners:hours_submit"), {"entries": [draft.pk, value]})
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == HoursEntry.Status.DRAFT
