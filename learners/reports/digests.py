"""The weekly digest to programme leads: what happened in the cohorts of their
programmes, through the one notification pipeline, once per ISO week."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt
from cms.access import PROGRAMME_LEADS, led_programme_ids
from cms.links import absolute_url
from cms.notifications import SentMessage, deliver
from learners.cohorts.models import Cohort
from learners.hours.models import HoursEntry
from learners.journey.models import ModuleProgress

DIGEST = "lead_digest"


def lead_digest(lead, *, now: datetime.datetime) -> dict:
    """What a lead's weekly digest says, over the cohorts of the programmes they lead:
    modules completed in the last 7 days, hours entries waiting for sign-off, and exams
    failed in the last 7 days, per cohort."""
    since = now - datetime.timedelta(days=7)
    cohorts = []
    cohorts_led = Cohort.objects.filter(programme__in=led_programme_ids(lead))
    for cohort in cohorts_led.select_related("programme", "organisation"):
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
                "url": absolute_url(reverse("learners:cohort-report", args=[cohort.pk])),
            }
        )
    return {"lead": lead, "cohorts": cohorts}


def send_lead_digests(*, now: datetime.datetime | None = None) -> int:
    """Once per ISO week, each programme lead with something to report (a completion, a
    waiting sign-off or a failed exam in a cohort of a programme they lead) gets one
    digest."""
    now = now or timezone.now()
    year, week, _day = timezone.localdate(now).isocalendar()
    key = f"{year}-W{week:02d}"
    url = absolute_url(reverse("learners:cohorts"))
    sent = 0
    for lead in get_user_model().objects.filter(groups__name=PROGRAMME_LEADS).distinct():
        if SentMessage.objects.filter(kind=DIGEST, recipient=lead, key=key).exists():
            continue
        context = lead_digest(lead, now=now)
        if not any(c["completed"] or c["waiting"] or c["failed"] for c in context["cohorts"]):
            continue
        sent += deliver(
            recipient=lead,
            kind=DIGEST,
            key=key,
            template="learners/email/lead_digest",
            context={**context, "url": url},
            url=url,
        )
    return sent
