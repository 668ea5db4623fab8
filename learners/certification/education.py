"""Education hours from what can be verified, and the external courses a learner records:
who approves them, and how many hours a learner has per topic in a period.

Education counts completed platform modules tagged with the topic (their estimated
time) and approved external courses tagged with it. Continuing education for renewal
counts the same sources dated within the certificate's period.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.access import is_administrator
from cms.audit import record
from cms.events import attestation_confirmed
from courses.models import CertificationTrack, TrackRequirement
from learners.cohorts.models import Supervision
from learners.journey.models import ModuleProgress

from .models import ExternalEducation

ZERO = Decimal(0)
Status = ExternalEducation.Status


def may_decide(user, entry: ExternalEducation) -> bool:
    """An administrator, or a supervisor with an active supervision of the learner (in
    any programme), approves or returns an external course; never the learner."""
    if not user.is_authenticated or user.pk == entry.learner_id:
        return False
    return is_administrator(user) or Supervision.objects.active().filter(
        supervisor=user, learner=entry.learner_id
    ).exists()


def waiting_for(user):
    """Recorded courses waiting for this user's decision, oldest first."""
    waiting = ExternalEducation.objects.filter(status=Status.SUBMITTED).exclude(learner=user)
    if not is_administrator(user):
        learners = Supervision.objects.active().filter(supervisor=user).values("learner")
        waiting = waiting.filter(learner__in=learners)
    return waiting.select_related("learner").order_by("created_at", "pk")


@transaction.atomic
def decide(entry: ExternalEducation, *, by, approve: bool, comment: str = "") -> ExternalEducation:
    """Approve (the hours count from now on) or return with a comment. Only a submitted
    record is decided; each decision is audited and the learner's standing in every
    programme with a track is evaluated again."""
    entry = ExternalEducation.objects.select_for_update().get(pk=entry.pk)
    if not may_decide(by, entry):
        raise PermissionDenied("Not a decider for this learner.")
    if entry.status != Status.SUBMITTED:
        raise ValidationError(_("This course has already been decided."))
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say what is missing: returning needs a comment.")})
    entry.status = Status.APPROVED if approve else Status.RETURNED
    entry.decided_by, entry.decided_at, entry.comment = by, timezone.now(), comment.strip()
    entry.save(update_fields=["status", "decided_by", "decided_at", "comment"])
    record(actor=by, action=f"education.{entry.status}", target=entry,
           learner=entry.learner_id, hours=entry.hours)  # fmt: skip
    if approve:
        for track in CertificationTrack.objects.select_related("programme"):
            attestation_confirmed.send(
                sender=ExternalEducation, learner=entry.learner, programme=track.programme,
                attestation=entry,
            )  # fmt: skip
    return entry


def education_hours(
    learner, *, since: datetime.date | None = None, until: datetime.date | None = None
) -> dict[str, Decimal]:
    """Hours of education per topic, in two queries: completed live modules tagged with
    the topic (their estimated time) and approved external courses tagged with it,
    completed within [since, until] when given. The key ``""`` holds the total over all
    sources, each hour counted once however many topics it has."""
    modules = ModuleProgress.objects.filter(
        learner=learner, completed_at__isnull=False, module__live=True
    ).select_related("module")
    courses = ExternalEducation.objects.filter(learner=learner, status=Status.APPROVED)
    if since:
        modules = modules.filter(completed_at__date__gte=since)
        courses = courses.filter(date__gte=since)
    if until:
        modules = modules.filter(completed_at__date__lte=until)
        courses = courses.filter(date__lte=until)
    result: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for progress in modules:
        hours = Decimal(progress.module.estimated_minutes) / 60
        result[""] += hours
        for topic in progress.module.topic_list:
            result[topic] += hours
    for course in courses:
        result[""] += course.hours
        for topic in course.topic_list:
            result[topic] += course.hours
    return {topic: value.quantize(Decimal("0.01")) for topic, value in result.items()}


def renewal_minimums(programme) -> list[TrackRequirement]:
    """The track's per-topic minimums of continuing education (``renewal_education``)."""
    return list(
        TrackRequirement.objects.filter(
            track__programme=programme, kind=TrackRequirement.Kind.RENEWAL_EDUCATION
        ).order_by("sort_order", "pk")
    )

