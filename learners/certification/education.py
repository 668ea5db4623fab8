"""Education hours from what can be verified, and the external courses a learner records:
who approves them, and how many hours a learner has per topic in a period.

Education counts completed platform modules tagged with the topic, facilitated sessions
attended and approved external courses (``education_hours``). Continuing education for
renewal counts the same sources dated within the certificate's period.
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
from courses.models import CertificationTrack, ModulePage, TrackRequirement
from learners.cohorts.models import Attendance, Supervision
from learners.journey.models import ModuleProgress

from .models import ExternalEducation

ZERO = Decimal(0)
TOTAL = ""  # the key of all education hours, each counted once
FACE_TO_FACE = "@face-to-face"  # the key of the hours taken face to face
Status = ExternalEducation.Status
Rule = ModulePage.CompletionRule
# Modules whose completion a learner cannot give themselves with a click.
VERIFIED_RULES = (Rule.EXAM_PASSED, Rule.DONE_AND_PASSED)


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` years earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def may_decide(user, entry: ExternalEducation) -> bool:
    """An administrator, or a supervisor with an active supervision of the learner (in
    any programme), approves or returns an external course; never the learner."""
    if not user.is_authenticated or user.pk == entry.learner_id:
        return False
    return (
        is_administrator(user)
        or Supervision.objects.active().filter(supervisor=user, learner=entry.learner_id).exists()
    )


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
        tracks = CertificationTrack.objects.select_related("programme")
        for programme in {track.programme_id: track.programme for track in tracks}.values():
            attestation_confirmed.send(
                sender=ExternalEducation, learner=entry.learner, programme=programme,
                attestation=entry,
            )  # fmt: skip
    return entry


def education_hours(
    learner,
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    verified: bool = False,
) -> dict[str, Decimal]:
    """Hours of education per topic, in three queries, from:

    - completed live modules tagged with the topic, their estimated time — with
      ``verified`` only modules completed by passing an exam; a module completed by
      attending a session counts its session instead;
    - facilitated sessions attended (marked present), their planned duration in their
      module's topics, face to face when the session has a place;
    - approved external courses tagged with the topic, face to face as recorded;

    each completed within [since, until] when given. ``TOTAL`` holds all hours, each
    counted once however many topics it has, and ``FACE_TO_FACE`` those taken face to
    face (platform modules are online)."""
    modules = ModuleProgress.objects.filter(
        learner=learner, completed_at__isnull=False, module__live=True
    ).exclude(module__completion_rule=Rule.ATTENDED)
    if verified:
        modules = modules.filter(module__completion_rule__in=VERIFIED_RULES)
    sessions = Attendance.objects.filter(learner=learner, status=Attendance.Status.PRESENT)
    courses = ExternalEducation.objects.filter(learner=learner, status=Status.APPROVED)
    if since:
        modules = modules.filter(completed_at__date__gte=since)
        sessions = sessions.filter(session__starts_at__date__gte=since)
        courses = courses.filter(date__gte=since)
    if until:
        modules = modules.filter(completed_at__date__lte=until)
        sessions = sessions.filter(session__starts_at__date__lte=until)
        courses = courses.filter(date__lte=until)
    sources = [
        (Decimal(p.module.estimated_minutes) / 60, p.module.topic_list, False)
        for p in modules.select_related("module")
    ]
    sources += [
        (Decimal(a.session.duration_minutes) / 60, a.session.module.topic_list,
         bool(a.session.place))
        for a in sessions.select_related("session__module")
    ]  # fmt: skip
    sources += [(c.hours, c.topic_list, c.face_to_face) for c in courses]
    result: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for hours, topics, face_to_face in sources:
        result[TOTAL] += hours
        if face_to_face:
            result[FACE_TO_FACE] += hours
        for topic in topics:
            result[topic] += hours
    return {topic: value.quantize(Decimal("0.01")) for topic, value in result.items()}


def renewal_minimums(track: CertificationTrack) -> list[TrackRequirement]:
    """The track's per-topic minimums of continuing education (``renewal_education``)."""
    return list(
        TrackRequirement.objects.filter(
            track=track, kind=TrackRequirement.Kind.RENEWAL_EDUCATION
        ).order_by("sort_order", "pk")
    )
