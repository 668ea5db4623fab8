"""E-mail: one digest per supervisor for waiting entries, and a mail to the learner when
an entry is returned."""

from io import StringIO

from django.core import mail
from django.core.management import call_command

from learners.hours import rules as hours
from learners.models import Supervision
from tests.factories import UserFactory

from .conftest import days_ago, log_hours


def test_a_supervisor_gets_one_digest_not_one_mail_per_entry(
    learner, supervisor, other_supervisor, counselling
):
    peer = UserFactory(username="peer")
    Supervision.objects.create(
        learner=peer, supervisor=supervisor, programme=counselling.programme, starts_on=days_ago(30)
    )
    for day in (1, 2, 3):
        log_hours(learner, counselling, status="submitted", date=days_ago(day))
    log_hours(peer, counselling, status="submitted")
    log_hours(learner, counselling, date=days_ago(4))  # a draft waits for no one

    out = StringIO()
    call_command("send_hours_digest", stdout=out)
    assert "Sent 1 digest" in out.getvalue()
    [message] = mail.outbox
    assert message.to == [supervisor.email]
    assert "4 practice hours entries wait" in message.subject
    assert "/hours/signoff/" in message.body

    assert hours.send_supervisor_digests() == 0  # nothing new: no second mail
    log_hours(learner, counselling, status="submitted", date=days_ago(5))
    assert hours.send_supervisor_digests() == 1
    assert "1 new entry" in mail.outbox[-1].body and "5 entries wait" in mail.outbox[-1].body


def test_a_returned_entry_e_mails_the_learner(
    learner, supervisor, counselling, django_capture_on_commit_callbacks
):
    entry = log_hours(learner, counselling, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        hours.return_entry(entry, supervisor=supervisor, comment="Hvilken avdeling?")
    [message] = mail.outbox
    assert message.to == [learner.email]
    assert "returned" in message.subject
    assert "Hvilken avdeling?" in message.body and entry.get_absolute_url() in message.body


def test_nothing_is_mailed_when_a_return_is_rolled_back(
    learner, supervisor, counselling, django_capture_on_commit_callbacks
):
    entry = log_hours(learner, counselling, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        try:
            from django.db import transaction

            with transaction.atomic():
                hours.return_entry(entry, supervisor=supervisor, comment="Nei")
                raise RuntimeError
        except RuntimeError:
            pass
    assert not mail.outbox


def test_approved_entries_are_announced_to_the_learner_once(
    learner, supervisor, counselling, django_capture_on_commit_callbacks
):
    from cms.notifications import Notification

    first = log_hours(learner, counselling, status="submitted", date=days_ago(1))
    second = log_hours(learner, counselling, status="submitted", date=days_ago(2))
    with django_capture_on_commit_callbacks(execute=True):
        hours.decide([first, second], supervisor=supervisor, approve_them=True, comment="")
    [message] = mail.outbox  # one message for both entries, not one each
    assert message.to == [learner.email]
    assert "approved 2 practice hours entries" in message.subject
    assert "/hours/" in message.body
    notification = Notification.objects.get(recipient=learner, kind="hours_approved")
    assert notification.title == message.subject
    # Announcing the same entries again (a replayed signal) sends nothing.
    from cms.events import hours_approved

    first.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        hours_approved.send(
            sender=None, learner=learner, programme=counselling.programme, entries=[first]
        )
    assert len(mail.outbox) == 1
