"""Deadline reminders: each active learner of a cohort is told 7 days and 1 day before a
module deadline they have not met. Every reminder goes through the one notification
pipeline (``cms.notifications.deliver``), claimed under a unique key, so running the
daily command twice (or on two machines at once) sends each reminder once.
"""

import datetime

from django.utils import timezone

from cms.links import absolute_url
from cms.notifications import deliver
from learners.cohorts.models import ModuleDeadline

from .models import Enrolment, ModuleProgress

REMINDER_DAYS = (7, 1)
DEADLINE = "deadline"


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
        url = absolute_url(deadline.module.url or "/")
        for learner in learners:
            sent += deliver(
                recipient=learner,
                kind=DEADLINE,
                key=f"{deadline.pk}:{deadline.due_on.isoformat()}:{days}",
                template="learners/email/deadline",
                context={"learner": learner, "deadline": deadline, "days": days, "url": url},
                url=url,
            )
    return sent
