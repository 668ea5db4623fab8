"""Notifications: deadline reminders to learners, a weekly digest to leads, and the
in-app list.

``send_due(now)`` is what the daily command runs. Every reminder is claimed in the
``SentReminder`` log before it is sent, under a unique key, so running the command twice
(or on two machines at once) sends each reminder once.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from cms.roles import PROGRAMME_LEADS
from learners.cohorts.models import Cohort, ModuleDeadline
from learners.hours.models import HoursEntry
from learners.models.notifications import Notification, SentReminder

from .models import Enrolment, ModuleProgress

logger = logging.getLogger(__name__)

REMINDER_DAYS = (7, 1)
DEADLINE = "deadline"
DIGEST = "lead_digest"


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify(*, recipient, kind: str, title: str, body: str = "", url: str = "") -> Notification:
    """Put a message in the person's in-app notification list."""
    return Notification.objects.create(
        recipient=recipient, kind=kind, title=title[:255], body=body, url=url
    )


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.of(user).unread().count()


def mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of the person's notifications read, or all of them when no id is given.
    Another person's notification is never touched."""
    unread = Notification.objects.of(user).unread()
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


def _claim(*, kind: str, recipient, key: str) -> bool:
    """Enter a reminder in the sent-log; False when it is already there."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(kind=kind, recipient=recipient, key=key)
    except IntegrityError:
        return False
    return True


def _deliver(*, recipient, kind: str, template: str, context: dict, url: str) -> None:
    """E-mail (when the person has an address) and an in-app notification, in the
    site's language, from the templates ``learners/email/<template>_{subject,body}.txt``."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(
            render_to_string(f"learners/email/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"learners/email/{template}_body.txt", context)
    notify(recipient=recipient, kind=kind, title=subject, body=body, url=url)
    if recipient.email:
        send_mail(subject, body, None, [recipient.email])


def send_deadline_reminders(*, today: datetime.date | None = None) -> int:
    """Remind each active learner of a cohort 7 days and 1 day before a module deadline,
    unless they have completed the module. The key holds the deadline's date, so a
    moved deadline is reminded again. Returns the reminders sent."""
    today = today or timezone.localdate()
    due_days = [today + datetime.timedelta(days=d) for d in REMINDER_DAYS]
    deadlines = ModuleDeadline.objects.filter(due_on__in=due_days).select_related(
        "cohort", "module"
    )
    sent = 0
    for deadline in deadlines:
        days = (deadline.due_on - today).days
        cohort = deadline.cohort
        enrolled = Enrolment.objects.filter(
            programme=cohort.programme_id, status=Enrolment.Status.ACTIVE
        ).values("learner_id")
        completed = ModuleProgress.objects.filter(
            module=deadline.module, completed_at__isnull=False
        ).values("learner_id")
        learners = cohort.members.filter(pk__in=enrolled).exclude(pk__in=completed)
        url = _absolute(deadline.module.url or "/")
        for learner in learners:
            key = f"{deadline.pk}:{deadline.due_on.isoformat()}:{days}"
            with transaction.atomic():
                if not _claim(kind=DEADLINE, recipient=learner, key=key):
                    continue
                context = {"learner": learner, "deadline": deadline, "days": days, "url": url}
                _deliver(
                    recipient=learner, kind=DEADLINE, template="deadline", context=context, url=url
                )
            sent += 1
    return sent


def lead_digest(lead, *, now: datetime.datetime) -> dict:
    """What a lead's weekly digest says, over the cohorts they lead: modules completed
    in the last 7 days, hours entries waiting for sign-off, and exams failed in the last
    7 days, per cohort."""
    from assessments.models import Attempt

    since = now - datetime.timedelta(days=7)
    cohorts = []
    for cohort in Cohort.objects.filter(lead=lead).select_related("programme", "organisation"):
        members = cohort.members.values("pk")
        completed = ModuleProgress.objects.filter(
            learner__in=members,
            completed_at__gte=since,
            module__path__startswith=cohort.programme.path,
        ).count()
        waiting = HoursEntry.objects.filter(
            learner__in=members, programme=cohort.programme, status=HoursEntry.Status.SUBMITTED
        ).count()
        failed = Attempt.objects.filter(
            learner__in=members,
            programme=cohort.programme,
            status=Attempt.Status.FAILED,
            graded_at__gte=since,
        ).count()
        cohorts.append(
            {
                "cohort": cohort,
                "completed": completed,
                "waiting": waiting,
                "failed": failed,
                "url": _absolute(reverse("learners:cohort-report", args=[cohort.pk])),
            }
        )
    return {"lead": lead, "cohorts": cohorts}


def send_lead_digests(*, now: datetime.datetime | None = None) -> int:
    """Once per ISO week, each programme lead with something to report (a completion, a
    waiting sign-off or a failed exam in a cohort they lead) gets one digest."""
    now = now or timezone.now()
    year, week, _day = timezone.localdate(now).isocalendar()
    key = f"{year}-W{week:02d}"
    leads = (
        get_user_model()
        .objects.filter(groups__name=PROGRAMME_LEADS, led_cohorts__isnull=False)
        .distinct()
    )
    sent = 0
    for lead in leads:
        if SentReminder.objects.filter(kind=DIGEST, recipient=lead, key=key).exists():
            continue
        context = lead_digest(lead, now=now)
        if not any(c["completed"] or c["waiting"] or c["failed"] for c in context["cohorts"]):
            continue
        url = _absolute(reverse("learners:cohorts"))
        context["url"] = url
        with transaction.atomic():
            if not _claim(kind=DIGEST, recipient=lead, key=key):
                continue
            _deliver(recipient=lead, kind=DIGEST, template="lead_digest", context=context, url=url)
        sent += 1
    return sent


def send_due(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Everything the daily run sends: deadline reminders and the weekly lead digests."""
    now = now or timezone.now()
    return {
        "reminders": send_deadline_reminders(today=timezone.localdate(now)),
        "digests": send_lead_digests(now=now),
    }
