"""Sign-off: the queue, approval as an e-signature, returns with a comment, and the lock
on an approved entry at every level."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from learners.hours import rules as hours
from learners.hours.forms import HoursEntryForm
from learners.models import EntryLocked, HoursEntry, SupervisorProfile

from .conftest import PASSWORD, days_ago, form_data, log_hours


def decide(client, entries, decision="approve", **extra):
    data = {"entries": [entry.pk for entry in entries], "decision": decision, **extra}
    return client.post(reverse("learners:signoff"), data)


def test_the_queue_shows_active_supervisees_submitted_entries(
    client, learner, supervisor, counselling
):
    waiting = log_hours(learner, counselling, status="submitted", description="Venter på meg")
    log_hours(learner, counselling, description="Bare et utkast")
    client.force_login(supervisor)
    body = client.get(reverse("learners:signoff")).content.decode()
    assert "Venter på meg" in body and "Bare et utkast" not in body
    assert list(HoursEntry.objects.pending_for(supervisor)) == [waiting]


def test_approving_signs_with_credential_licence_time_and_hash(learner, supervisor, counselling):
    entry = log_hours(learner, counselling, status="submitted")
    before = timezone.now()
    entry = hours.approve(entry, supervisor=supervisor, comment="Fint.")
    entry.refresh_from_db()
    profile = SupervisorProfile.objects.get(user=supervisor)
    assert entry.status == "approved" and entry.signed_by == supervisor
    assert entry.signer_credential == profile.credential
    assert entry.signer_licence_number == profile.licence_number
    assert entry.signed_at >= before and entry.signed_at_utc.utcoffset() == datetime.timedelta(0)
    assert len(entry.content_sha256) == 64 and entry.signature_intact
    event = hours.history(entry)[-1]
    assert event.action == "hours.approved" and event.data["sha256"] == entry.content_sha256


def test_the_signature_keeps_the_credential_of_the_moment(learner, supervisor, counselling):
    entry = log_hours(learner, counselling, status="approved", supervisor=supervisor)
    SupervisorProfile.objects.filter(user=supervisor).update(licence_number="NEW-1")
    entry.refresh_from_db()
    assert entry.signer_licence_number == "HPR 9876543"


def test_a_supervisor_without_a_profile_cannot_sign(learner, supervisor, counselling):
    SupervisorProfile.objects.filter(user=supervisor).delete()
    entry = log_hours(learner, counselling, status="submitted")
    with pytest.raises(ValidationError, match="licence number"):
        hours.approve(entry, supervisor=supervisor)
    entry.refresh_from_db()
    assert entry.status == "submitted"


def test_approving_asks_for_the_password_once_per_15_minutes(
    client, learner, supervisor, counselling
):
    first, second, third = (
        log_hours(learner, counselling, status="submitted", date=days_ago(day)) for day in (1, 2, 3)
    )
    client.force_login(supervisor)
    assert decide(client, [first]).status_code == 400
    assert decide(client, [first], password="wrong").status_code == 400
    first.refresh_from_db()
    assert first.status == "submitted"

    assert decide(client, [first], password=PASSWORD).status_code == 302
    assert decide(client, [second]).status_code == 302  # within 15 minutes: no password
    first.refresh_from_db(), second.refresh_from_db()
    assert first.status == second.status == "approved"

    session = client.session
    confirmed = datetime.datetime.fromisoformat(session[hours.SIGNING_SESSION_KEY])
    session[hours.SIGNING_SESSION_KEY] = (confirmed - datetime.timedelta(minutes=16)).isoformat()
    session.save()
    assert decide(client, [third]).status_code == 400
    third.refresh_from_db()
    assert third.status == "submitted"


def test_it_approves_many_at_once(client, learner, supervisor, counselling):
    entries = [
        log_hours(learner, counselling, status="submitted", date=days_ago(d)) for d in (1, 2, 3)
    ]
    client.force_login(supervisor)
    response = decide(client, entries, password=PASSWORD)
    assert response.status_code == 302
    assert set(HoursEntry.objects.values_list("status", flat=True)) == {"approved"}


def test_returning_needs_a_comment(client, learner, supervisor, counselling):
    entry = log_hours(learner, counselling, status="submitted")
    client.force_login(supervisor)
    response = decide(client, [entry], decision="return", comment="  ")
    assert response.status_code == 400
    assert "needs a comment" in response.content.decode()
    with pytest.raises(ValidationError, match="needs a comment"):
        hours.return_entry(entry, supervisor=supervisor, comment="")
    entry.refresh_from_db()
    assert entry.status == "submitted" and not mail.outbox


def test_returning_many_e_mails_the_learner(
    client, learner, supervisor, counselling, django_capture_on_commit_callbacks
):
    entries = [
        log_hours(learner, counselling, status="submitted", date=days_ago(d)) for d in (1, 2)
    ]
    client.force_login(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, entries, decision="return", comment="Skriv hvilket sted.")
    assert response.status_code == 302
    assert set(HoursEntry.objects.values_list("status", flat=True)) == {"returned"}
    assert len(mail.outbox) == 2
    assert mail.outbox[0].to == [learner.email]
    assert "Skriv hvilket sted." in mail.outbox[0].body
    assert hours.history(entries[0])[-1].data["comment"] == "Skriv hvilket sted."


def test_a_decided_entry_is_not_decided_again(learner, supervisor, counselling):
    entry = log_hours(learner, counselling, status="approved", supervisor=supervisor)
    with pytest.raises(EntryLocked):
        hours.return_entry(entry, supervisor=supervisor, comment="Nei")
    with pytest.raises(EntryLocked):
        hours.approve(entry, supervisor=supervisor)


# --- The lock --------------------------------------------------------------------------


@pytest.fixture
def approved(learner, supervisor, counselling):
    return log_hours(learner, counselling, status="approved", supervisor=supervisor)


def test_it_locks_an_approved_entry_in_the_domain_functions(learner, approved):
    with pytest.raises(EntryLocked):
        hours.update_entry(approved, by=learner, hours=Decimal(8))
    with pytest.raises(EntryLocked):
        hours.delete_entry(approved, by=learner)
    with pytest.raises(ValidationError):
        hours.submit([approved], by=learner)


def test_it_locks_an_approved_entry_in_the_model(approved):
    entry = HoursEntry.objects.get(pk=approved.pk)
    entry.hours = Decimal(8)
    with pytest.raises(EntryLocked):
        entry.save()
    with pytest.raises(EntryLocked):
        entry.delete()
    assert HoursEntry.objects.get(pk=approved.pk).hours == Decimal("1.5")


def test_it_locks_an_approved_entry_in_the_form(learner, approved, counselling):
    form = HoursEntryForm(
        form_data(counselling, hours="8"),
        instance=approved,
        programmes=hours.learner_programmes(learner),
    )
    assert not form.is_valid()
    assert "approved and signed" in str(form.non_field_errors())


def test_it_locks_an_approved_entry_in_the_views(client, learner, approved, counselling):
    client.force_login(learner)
    edit = reverse("learners:hours_edit", args=[approved.pk])
    response = client.post(edit, form_data(counselling, hours="8"), follow=True)
    assert "can no longer be changed" in response.content.decode()
    response = client.post(reverse("learners:hours_delete", args=[approved.pk]), follow=True)
    assert "can no longer be changed" in response.content.decode()
    assert client.get(edit).status_code == 302
    approved.refresh_from_db()
    assert approved.hours == Decimal("1.5") and approved.signature_intact


def test_the_entry_page_shows_signature_and_history(client, learner, approved, administrator):
    for user in (learner, administrator):
        client.force_login(user)
        body = client.get(approved.get_absolute_url()).content.decode()
        assert approved.content_sha256 in body and "HPR 9876543" in body
        assert "approved and signed" in body and "submitted for sign-off" in body
