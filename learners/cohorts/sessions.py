"""Facilitated sessions: who may run the register, recording attendance, attended hours,
and the iCalendar feed.

Attendance marked *present* counts twice: toward a module whose completion rule is
"attended", and as education hours (the session's planned duration) in the module's
topic for certification.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone

from cms.audit import record
from cms.events import attendance_changed

from .access import manages_cohort, visible_cohorts
from .models import Attendance, Cohort, Session

Status = Attendance.Status


def may_take_register(user, session: Session) -> bool:
    """The session's facilitator, a lead of the cohort's programme and administrators
    record attendance."""
    if not user.is_authenticated:
        return False
    return session.facilitator_id == user.pk or manages_cohort(user, session.cohort)


def register(session: Session) -> list[tuple[object, Attendance | None]]:
    """Every member of the session's cohort with their attendance so far (None when not
    recorded), by name. Two queries."""
    recorded = {a.learner_id: a for a in session.attendance.all()}
    members = session.cohort.members.order_by("last_name", "first_name", "username")
    return [(member, recorded.get(member.pk)) for member in members]


@transaction.atomic
def record_attendance(*, session: Session, learner, status: str, actor) -> Attendance:
    """Record (or correct) one member's attendance, audit the change, and announce the
    module's "attended" fact (``attendance_changed``): true while any session of the
    module has them present."""
    if status not in Status.values:
        raise ValueError(f"Unknown attendance status {status!r}")
    if not session.cohort.members.filter(pk=learner.pk).exists():
        raise ValueError("Only members of the session's cohort have attendance")
    attendance = (
        Attendance.objects.select_for_update().filter(session=session, learner=learner).first()
    )
    previous = attendance.status if attendance else ""
    if attendance is None:
        attendance = Attendance(session=session, learner=learner)
    if previous == status:
        return attendance
    attendance.status = status
    attendance.recorded_by = actor
    attendance.save()
    record(
        actor=actor,
        action="attendance.recorded",
        target=attendance,
        session=session.pk,
        learner=learner.pk,
        previous=previous,
        status=status,
    )
    attended = Attendance.objects.filter(
        learner=learner, session__module=session.module_id, status=Status.PRESENT
    ).exists()
    attendance_changed.send(
        sender=Attendance, learner=learner, session=session, module=session.module,
        attended=attended,
    )  # fmt: skip
    return attendance


def attended_hours(learner_ids, programme) -> dict[int, dict[int, Decimal]]:
    """Education hours from sessions attended, per topic (the session's module), for many
    learners in one query: ``{learner_id: {module_id: hours}}``. A session counts its
    planned duration, for those marked present only."""
    ids = [getattr(learner, "pk", learner) for learner in learner_ids]
    totals: dict[int, dict[int, Decimal]] = {learner_id: {} for learner_id in ids}
    rows = (
        Attendance.objects.filter(
            learner__in=ids, status=Status.PRESENT, session__cohort__programme=programme
        )
        .values("learner_id", "session__module_id")
        .annotate(minutes=Sum("session__duration_minutes"))
        .order_by()
    )
    for row in rows:
        hours = (Decimal(row["minutes"]) / 60).quantize(Decimal("0.01"))
        totals.setdefault(row["learner_id"], {})[row["session__module_id"]] = hours
    return totals


def upcoming_for(user, *, now=None, limit: int = 5):
    """The next sessions of the cohorts a person is a member of, soonest first."""
    if not user.is_authenticated:
        return Session.objects.none()
    now = now or timezone.now()
    member = Cohort.members.through.objects.filter(cohort=OuterRef("cohort"), user=user)
    return (
        Session.objects.filter(Exists(member), starts_at__gte=now - datetime.timedelta(hours=2))
        .select_related("module", "cohort")
        .order_by("starts_at")[:limit]
    )


def visible_sessions(user):
    """Sessions a person may see: of cohorts they belong to or may manage, or that they
    facilitate."""
    if not user.is_authenticated:
        return Session.objects.none()
    member = Cohort.members.through.objects.filter(cohort=OuterRef("cohort"), user=user)
    return Session.objects.filter(
        Q(Exists(member)) | Q(facilitator=user) | Q(cohort__in=visible_cohorts(user))
    )


# --- iCalendar (RFC 5545) --------------------------------------------------------------


def _ics_text(value: str) -> str:
    """Escape TEXT per RFC 5545 §3.3.11: backslash, semicolon, comma and newlines."""
    return (
        (value or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (§3.1), never splitting a UTF-8 character."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > limit:
            parts.append(current.decode())
            current, limit = b"", 74  # continuation lines start with a space
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def to_ics(sessions, *, domain: str, url_for=None) -> str:
    """An iCalendar file (RFC 5545) with one VEVENT per session. Lines end in CRLF and
    are folded; text is escaped; each UID is stable (``session-<pk>@<domain>``) so a
    calendar updates the event instead of adding it again."""
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Praksis//Sessions//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for session in sessions:
        description = session.description or ""
        if session.online_url:
            description = f"{description}\n{session.online_url}".strip()
        lines += [
            "BEGIN:VEVENT",
            f"UID:session-{session.pk}@{domain}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(session.starts_at)}",
            f"DTEND:{_utc(session.ends_at)}",
            f"SUMMARY:{_ics_text(session.title)}",
        ]
        location = session.place or session.online_url
        if location:
            lines.append(f"LOCATION:{_ics_text(location)}")
        if description:
            lines.append(f"DESCRIPTION:{_ics_text(description)}")
        if url_for:
            lines.append(f"URL:{url_for(session)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def hours_by_learner(learner_ids, programme) -> dict[int, Decimal]:
    """Total attended hours per learner (all topics) for reports."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for learner_id, topics in attended_hours(learner_ids, programme).items():
        totals[learner_id] = sum(topics.values(), Decimal(0))
    return totals
