"""Notifications: deadline reminders to learners, and the in-app list.

Every reminder is claimed in the ``SentReminder`` log before it is sent, under a unique
key, so running the daily command twice (or on two machines at once) sends each
reminder once.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from learners.cohorts.models import ModuleDeadline
from learners.models.notifications import Notification, SentReminder

from .models import Enrolment, ModuleProgress

logger = logging.getLogger(__name__)

REMINDER_DAYS = (7, 1)
DEADLINE = "deadline"


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
