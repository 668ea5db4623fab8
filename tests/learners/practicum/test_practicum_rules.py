"""The practicum's rules: a meeting is logged and submitted by the learner, confirmed or
returned (with a comment) by their active mentor only, locked once confirmed, and every
step is audited and told to the learner."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from cms.audit import events_for
from cms.languages import set_person_language
from learners.models import Mentorship, SupervisorProfile
from learners.practicum import rules
from learners.practicum.models import EntryLocked, PracticumEntry, Role

from .conftest import days_ago, log_meeting


def test_a_meeting_in_the_future_is_refused(mentee, smart):
    with pytest.raises(ValidationError) as error:
        log_meeting(mentee, smart, date=days_ago(-1))
    assert "date" in error.value.message_dict
    assert not PracticumEntry.objects.exists()


def test_a_duration_of_zero_minutes_is_refused(mentee, smart):
    with pytest.raises(ValidationError):
        log_meeting(mentee, smart, duration_minutes=0)


def test_a_higher_role_counts_for_a_lower_one():
    assert Role.counts_for("co-facilitator") == ["co-facilitator", "lead-facilitator"]
    assert Role.counts_for("observer") == list(Role.values)
    assert Role.counts_for("nonsense") == []


def test_the_mentor_confirms_and_the_meeting_is_locked(
    mentee, mentor, smart, django_capture_on_commit_callbacks
):
    entry = log_meeting(mentee, smart, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        entry = rules.confirm(entry, mentor=mentor)
    assert entry.status == PracticumEntry.Status.CONFIRMED and entry.decided_by == mentor
    entry.reflection = "Endret etterpå"
    with pytest.raises(EntryLocked):
        entry.save()
    with pytest.raises(EntryLocked):
        entry.delete()
    with pytest.raises(EntryLocked):
        rules.submit(entry, learner=mentee)
    [message] = mail.outbox
    assert message.to == [mentee.email] and "confirmed" in message.subject
    actions = [event.action for event in events_for(entry).order_by("created_at", "pk")]
    assert actions == ["practicum.saved", "practicum.submitted", "practicum.confirmed"]


def test_a_return_needs_a_comment_and_changes_nothing_without_one(mentee, mentor, smart):
    entry = log_meeting(mentee, smart, status="submitted")
    with pytest.raises(ValidationError) as error:
        rules.return_entry(entry, mentor=mentor, comment="   ")
    assert "comment" in error.value.message_dict
    entry.refresh_from_db()
    assert entry.status == PracticumEntry.Status.SUBMITTED and entry.decided_at is None


def test_a_returned_meeting_e_mails_the_learner_in_their_language(
    mentee, mentor, smart, django_capture_on_commit_callbacks
):
    set_person_language(mentee, "da")
    entry = log_meeting(mentee, smart, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        rules.return_entry(entry, mentor=mentor, comment="Skriv litt mer om din rolle.")
    [message] = mail.outbox
    assert "Skriv litt mer om din rolle." in message.body
    assert "sendt tilbage" in message.subject, message.subject
    assert f"/practicum/{entry.pk}/" in message.body
    entry.refresh_from_db()
    assert entry.editable  # the learner changes it and submits it again
    entry = rules.submit(entry, learner=mentee)
    assert entry.status == PracticumEntry.Status.SUBMITTED


def test_the_learner_cannot_confirm_their_own_meeting(mentee, mentor, smart):
    entry = log_meeting(mentee, smart, status="submitted")
    with pytest.raises(PermissionDenied):
        rules.confirm(entry, mentor=mentee)


def test_another_mentor_and_a_supervisor_cannot_decide(
    mentee, mentor, other_mentor, supervisor, smart
):
    entry = log_meeting(mentee, smart, status="submitted")
    for person in (other_mentor, supervisor):
        with pytest.raises(PermissionDenied):
            rules.confirm(entry, mentor=person)
    entry.refresh_from_db()
    assert entry.status == PracticumEntry.Status.SUBMITTED


def test_an_ended_mentorship_decides_nothing(mentee, mentor, smart):
    entry = log_meeting(mentee, smart, status="submitted")
    Mentorship.objects.filter(mentor=mentor).update(ends_on=days_ago(1))
    with pytest.raises(PermissionDenied):
        rules.confirm(entry, mentor=mentor)


def test_a_meeting_before_the_mentorship_began_is_not_the_mentors(mentee, mentor, smart):
    entry = log_meeting(mentee, smart, status="submitted", date=days_ago(60))
    with pytest.raises(PermissionDenied):
        rules.confirm(entry, mentor=mentor)
    assert not PracticumEntry.objects.pending_for(mentor).exists()


def test_a_draft_is_not_waiting_for_the_mentor(mentee, mentor, smart):
    log_meeting(mentee, smart)
    submitted = log_meeting(mentee, smart, status="submitted")
    assert list(PracticumEntry.objects.pending_for(mentor)) == [submitted]


def test_mentors_need_no_supervisor_profile_or_role(mentee, mentor, smart):
    assert not mentor.groups.exists()
    assert not SupervisorProfile.objects.filter(user=mentor).exists()
    entry = log_meeting(mentee, smart, status="confirmed", mentor=mentor)
    assert entry.status == PracticumEntry.Status.CONFIRMED


def test_a_person_cannot_mentor_themselves(mentee, smart):
    with pytest.raises(ValidationError):
        Mentorship(learner=mentee, mentor=mentee, programme=smart).full_clean()
