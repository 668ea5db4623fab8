"""Reminders and notifications: deadline reminders 7 days and 1 day before, a weekly
digest to leads, each sent once however often the daily command runs."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cms import notifications as inbox
from cms.notifications import Notification, SentMessage
from learners.journey import progress
from learners.journey import reminders as notifications
from learners.models import HoursEntry, ModuleDeadline
from learners.reports import digests


def deadline_in(cohort, module, days):
    return ModuleDeadline.objects.create(
        cohort=cohort, module=module, due_on=timezone.localdate() + datetime.timedelta(days=days)
    )


def test_the_reminder_command_run_twice_sends_each_reminder_once(
    cohort, avholdt_modules, learner, colleagues
):
    deadline_in(cohort, avholdt_modules[0], 7)
    deadline_in(cohort, avholdt_modules[1], 1)
    deadline_in(cohort, avholdt_modules[2], 3)  # not due for a reminder today
    progress.mark_done(learner=colleagues[0], module=avholdt_modules[0])  # already done

    call_command("send_reminders", stdout=open("/dev/null", "w"))
    first = len(mail.outbox)
    call_command("send_reminders", stdout=open("/dev/null", "w"))

    # 4 learners for the 7-day reminder (one completed it), 5 for the 1-day one, and the
    # lead's weekly digest (a module was completed this week).
    assert first == 10
    assert len(mail.outbox) == first
    assert SentMessage.objects.filter(kind="deadline").count() == 9
    assert SentMessage.objects.filter(kind="lead_digest").count() == 1
    sent = [(m.to[0], m.subject) for m in mail.outbox]
    assert len(sent) == len(set(sent))
    assert Notification.objects.filter(recipient=learner).count() == 2


def test_a_withdrawn_learner_gets_no_reminder(cohort, avholdt_modules, learner):
    from learners.models import Enrolment

    Enrolment.objects.filter(learner=learner).update(status=Enrolment.Status.WITHDRAWN)
    deadline_in(cohort, avholdt_modules[0], 1)
    notifications.send_deadline_reminders()
    assert learner.email not in [m.to[0] for m in mail.outbox]


def test_a_moved_deadline_is_reminded_again(cohort, avholdt_modules, learner):
    deadline = deadline_in(cohort, avholdt_modules[0], 1)
    notifications.send_deadline_reminders()
    sent = len(mail.outbox)
    deadline.due_on = timezone.localdate() + datetime.timedelta(days=7)
    deadline.save()
    notifications.send_deadline_reminders()
    assert len(mail.outbox) == 2 * sent


def test_leads_get_one_weekly_digest(cohort, avholdt_modules, learner, lead):
    progress.mark_done(learner=learner, module=avholdt_modules[0])
    now = timezone.now()
    assert digests.send_lead_digests(now=now) == 1
    assert digests.send_lead_digests(now=now + datetime.timedelta(hours=5)) == 0
    [message] = [m for m in mail.outbox if m.to == [lead.email]]
    assert "1 module completed" in message.body
    assert reverse("learners:cohort-report", args=[cohort.pk]) in message.body
    # Next week, with nothing new to report, no digest.
    assert digests.send_lead_digests(now=now + datetime.timedelta(days=8)) == 0


def test_the_digest_counts_waiting_signoffs(cohort, learner, lead):
    digest = digests.lead_digest(lead, now=timezone.now())
    assert digest["cohorts"][0]["waiting"] == 0
    assert HoursEntry.objects.count() == 0


def test_the_notification_list_and_badge(client, learner, colleagues):
    inbox.notify(recipient=learner, kind="x", title="Husk modul 1", url="/")
    inbox.notify(recipient=colleagues[0], kind="x", title="Ikke din")
    client.force_login(learner)
    html = client.get(reverse("learners:dashboard")).content.decode()
    assert 'class="badge">1<' in html
    page = client.get(reverse("learners:notifications")).content.decode()
    assert "Husk modul 1" in page and "Ikke din" not in page


def test_marking_read_only_touches_your_own(client, learner, colleagues):
    mine = inbox.notify(recipient=learner, kind="x", title="Min")
    theirs = inbox.notify(recipient=colleagues[0], kind="x", title="Deres")
    client.force_login(learner)
    client.post(reverse("learners:notifications-read"), {"notification": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None
    response = client.post(reverse("learners:notifications-read"), {"notification": mine.pk})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert inbox.unread_count(learner) == 0
