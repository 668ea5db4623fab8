"""Each role's work, for its home at /dashboard/ and the counts in the site navigation.

Every function here composes rules that live in the rooms below (who supervises whom,
who leads which programme, which essays a person may grade); none decides access itself.
The ``*_counts`` functions are what the navigation asks on every page, so each is one
cheap query per number; the ``*_work`` functions build a role's part of the dashboard in
a fixed number of queries whatever the amount of work."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page, TaskState

from assessments.models import Attempt
from assessments.services import grading_queue
from cms.access import (
    ORGANISATION_LEADERS,
    PROGRAMME_LEADS,
    SUPERVISORS,
    is_administrator,
    role_names,
)
from learners.certification.certificates import outstanding_attestations, stored_awaiting_approval
from learners.certification.models import Certificate, CertificateExport
from learners.cohorts.access import managed_cohorts, visible_organisations
from learners.cohorts.models import Mentorship, ModuleDeadline, Supervision
from learners.hours.models import HoursEntry
from learners.journey import journal, signoff
from learners.journey.models import JournalComment
from learners.practicum.access import is_mentor
from learners.practicum.models import PracticumEntry
from learners.reports.organisation import cohort_progress

from .models import DashboardVisit

DEADLINES_AHEAD = datetime.timedelta(days=14)
SINCE_KEY = "dashboard_since"
WRITTEN_KEY = "dashboard_visit_written"
VISIT_WRITE_INTERVAL = datetime.timedelta(minutes=1)


# --- which homes a person has -------------------------------------------------------


def roles_of(user) -> set[str]:
    """The parts of the dashboard a person sees besides their own learning, by role:
    "supervisor" (in *Supervisors*, or actively supervising someone), "lead" (in
    *Programme leads*; what they lead is ``cms.access.led_programme_ids``),
    "administrator", "organisation" (in *Organisation leaders*) and "mentor" (actively
    mentoring someone; mentors are volunteers and hold no role)."""
    if not user.is_authenticated:
        return set()
    names = role_names(user)
    staff = getattr(user, "holds_staff_role", True) or user.is_superuser
    parts = set()
    if is_administrator(user):
        parts.add("administrator")
    if PROGRAMME_LEADS in names:
        parts.add("lead")
    if SUPERVISORS in names or (
        staff and Supervision.objects.active().filter(supervisor=user).exists()
    ):
        parts.add("supervisor")
    if ORGANISATION_LEADERS in names:
        parts.add("organisation")
    if is_mentor(user):
        parts.add("mentor")
    return parts


# --- the learner: what changed since the last visit ----------------------------------


@dataclass
class Changes:
    since: datetime.datetime | None
    comments: int = 0
    approved: int = 0
    returned: int = 0
    results: list = field(default_factory=list)
    certificates: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(
            self.comments or self.approved or self.returned or self.results or self.certificates
        )


def visit_since(session, user, *, now: datetime.datetime | None = None):
    """The time of the person's previous visit, kept for the whole session so that
    reloading the dashboard does not hide what changed. The stored visit moves to now
    at most once a minute per session (``VISIT_WRITE_INTERVAL``): the dashboard is the
    page opened most, and a write with its commit on every view cost more than any of
    its reads under load. So the stored visit may lag the last view by up to a minute,
    and a change from that minute is shown once more: never hidden.
    ``None`` on a first visit. No query on a reload within the minute, one otherwise,
    two on the session's first visit."""
    now = now or timezone.now()
    if SINCE_KEY not in session:
        visit = DashboardVisit.objects.filter(user=user).first()
        session[SINCE_KEY] = visit.seen_at.isoformat() if visit else ""
    written = session.get(WRITTEN_KEY)
    if not written or now - datetime.datetime.fromisoformat(written) >= VISIT_WRITE_INTERVAL:
        if not DashboardVisit.objects.filter(user=user).update(seen_at=now):
            DashboardVisit.objects.create(user=user, seen_at=now)
        session[WRITTEN_KEY] = now.isoformat()
    since = session[SINCE_KEY]
    return datetime.datetime.fromisoformat(since) if since else None


def changes_since(user, since: datetime.datetime | None) -> Changes:
    """What happened to the learner's work after ``since``: comments from others on their
    journal, hours entries approved or returned, exam results made final, certificates
    issued. Four queries; none on a first visit."""
    changes = Changes(since=since)
    if since is None:
        return changes
    changes.comments = (
        JournalComment.objects.filter(entry__learner=user, created_at__gt=since)
        .exclude(author=user)
        .count()
    )
    decided = HoursEntry.objects.filter(learner=user, decided_at__gt=since).aggregate(
        approved=Count("pk", filter=Q(status=HoursEntry.Status.APPROVED)),
        returned=Count("pk", filter=Q(status=HoursEntry.Status.RETURNED)),
    )
    changes.approved, changes.returned = decided["approved"], decided["returned"]
    changes.results = list(
        Attempt.objects.filter(learner=user, graded_at__gt=since)
        .select_related("exam", "programme")
        .order_by("-graded_at")[:5]
    )
    changes.certificates = list(
        Certificate.objects.filter(learner=user, created_at__gt=since)
        .select_related("programme")
        .order_by("-created_at")[:5]
    )
    return changes


# --- the supervisor -------------------------------------------------------------------


def shared_waiting(user):
    """Entries shared with the supervisor that they have not commented on yet."""
    return journal.shared_with(user).exclude(comments__author=user)


@dataclass
class SupervisorWork:
    supervisees: list  # [(programme, [learner, …]), …] by programme title
    hours_waiting: int
    shared_waiting: int
    essays: list  # [(exam, count, programme language), …] oldest waiting first
    essays_waiting: int


def supervisor_work(user, counts: dict[str, int] | None = None) -> SupervisorWork:
    """Whom the supervisor supervises, per programme; the hours entries waiting for their
    sign-off; shared journal entries without their comment; and essays waiting for a
    grade in every exam they may grade. Six queries; four when the navigation's
    ``counts`` (``navigation_counts``) are given, as the two waiting counts are theirs."""
    counts = counts or {}
    essays = essays_to_grade(user)
    hours = (
        counts["signoff"] if "signoff" in counts else HoursEntry.objects.pending_for(user).count()
    )
    shared = counts["shared"] if "shared" in counts else shared_waiting(user).count()
    return SupervisorWork(
        supervisees=learners_by_programme(Supervision.objects.of(supervisor=user)),
        hours_waiting=hours,
        shared_waiting=shared,
        essays=essays,
        essays_waiting=sum(count for _exam, count, _language in essays),
    )


def learners_by_programme(assignments) -> list:
    """``[(programme, [learner, …]), …]`` of the active ``assignments`` (supervisions or
    mentorships), by programme title, then learner name. One query."""
    grouped: dict = {}
    for assignment in (
        assignments.active()
        .select_related("learner", "programme")
        .order_by("programme__title", "learner__last_name", "learner__first_name", "learner_id")
    ):
        grouped.setdefault(assignment.programme, []).append(assignment.learner)
    return list(grouped.items())


def essays_to_grade(user) -> list:
    """``[(exam, essays waiting, programme language), …]``: the essays ``user`` may grade,
    counted per exam. One query."""
    essays: dict = defaultdict(int)
    for answer in grading_queue(grader=user).select_related("attempt__programme"):
        essays[answer.attempt.exam, answer.attempt.programme.language] += 1
    return [(exam, count, language) for (exam, language), count in essays.items()]


# --- the mentor ------------------------------------------------------------------------


@dataclass
class MentorWork:
    mentees: list  # [(programme, [learner, …]), …] by programme title
    meetings_waiting: int
    essays: list = field(default_factory=list)  # as SupervisorWork.essays


def mentor_work(user, *, with_essays: bool = True) -> MentorWork:
    """Whom the mentor mentors, per programme, the practicum meetings waiting for their
    confirmation (``PracticumEntry.objects.pending_for``) and, unless their supervisor
    part lists them already, the essays they may grade. Three queries."""
    return MentorWork(
        mentees=learners_by_programme(Mentorship.objects.of(mentor=user)),
        meetings_waiting=PracticumEntry.objects.pending_for(user).count(),
        essays=essays_to_grade(user) if with_essays else [],
    )


# --- the programme lead ----------------------------------------------------------------


def reviews_waiting(user):
    """Pages in a moderation workflow whose current task the person may approve
    (Wagtail's own rule), oldest first, each with its page's ``content_language`` (the
    language of its locale's tree)."""
    page = Page.objects.filter(pk=Cast(OuterRef("workflow_state__object_id"), IntegerField()))
    return (
        TaskState.objects.reviewable_by(user)
        .select_related("revision", "workflow_state", "workflow_state__requested_by")
        .annotate(content_language=Subquery(page.values("locale__language_code")[:1]))
        .order_by("started_at")
    )


@dataclass
class LeadWork:
    cohorts: list  # [(cohort, GroupProgress), …]
    deadlines: list
    reviews: list
    programmes: list = field(default_factory=list)


def lead_work(user, *, today: datetime.date | None = None) -> LeadWork:
    """The programmes a lead leads with their cohorts' progress at a glance, module
    deadlines in the next two weeks, and pages waiting for their review."""
    today = today or timezone.localdate()
    cohorts = cohort_progress(
        managed_cohorts(user).select_related("organisation").order_by("programme__title", "name")
    )
    programmes: dict = {}
    for cohort, progress in cohorts:
        programmes.setdefault(cohort.programme, []).append((cohort, progress))
    deadlines = list(
        ModuleDeadline.objects.filter(
            cohort__in=managed_cohorts(user),
            due_on__gte=today,
            due_on__lte=today + DEADLINES_AHEAD,
        )
        .select_related("cohort__programme", "module")
        .order_by("due_on", "cohort__name")
    )
    return LeadWork(
        cohorts=cohorts,
        deadlines=deadlines,
        reviews=list(reviews_waiting(user)[:20]),
        programmes=list(programmes.items()),
    )


# --- the administrator ---------------------------------------------------------------


@dataclass
class AdministratorWork:
    awaiting: list
    attestations: list
    attestations_waiting: int
    exports: list
    reviews: list


def administrator_work(user) -> AdministratorWork:
    """Certificates waiting for approval (standings as last evaluated), attestation
    requirements not yet confirmed for enrolled learners, and the person's recent
    certificate exports, and pages waiting for their review."""
    attestations = outstanding_attestations()
    return AdministratorWork(
        awaiting=list(stored_awaiting_approval()[:20]),
        attestations=attestations[:10],
        attestations_waiting=len(attestations),
        exports=list(
            CertificateExport.objects.filter(requested_by=user).select_related(
                "programme", "cohort"
            )[:5]
        ),
        reviews=list(reviews_waiting(user)[:20]),
    )


# --- the organisation leader ---------------------------------------------------------


def organisations_of(user):
    """The organisations a person leads, with their number of cohorts."""
    return (
        visible_organisations(user)
        .filter(leaders=user)
        .annotate(cohort_count=Count("cohorts", distinct=True))
        .order_by("name")
    )


# --- a cohort's leaders: modules waiting for their sign-off ---------------------------

SIGNOFFS_SHOWN = 10


def signoffs_waiting(user) -> tuple[list, bool]:
    """The oldest modules waiting for ``user``'s sign-off as a leader of a cohort
    (``learners.journey.signoff.queue``), and whether there are more than shown. One
    query, for everyone: a member may be a cohort's leader without any staff role."""
    waiting = list(signoff.queue(user).order_by("requested_at", "pk")[: SIGNOFFS_SHOWN + 1])
    return waiting[:SIGNOFFS_SHOWN], len(waiting) > SIGNOFFS_SHOWN


# --- the navigation ------------------------------------------------------------------


def navigation_counts(user) -> dict[str, int]:
    """The numbers beside each role's links in the site navigation: one cheap query per
    number, none at all for a person without a staff role or an organisation."""
    if not user.is_authenticated:
        return {}
    staff = getattr(user, "holds_staff_role", True) or user.is_superuser
    if not staff:
        return {}
    counts: dict[str, int] = {}
    names = role_names(user)
    if SUPERVISORS in names:
        counts["signoff"] = HoursEntry.objects.pending_for(user).count()
        counts["shared"] = shared_waiting(user).count()
        counts["essays"] = grading_queue(grader=user).count()
    elif PROGRAMME_LEADS in names:
        counts["essays"] = grading_queue(grader=user).count()
    if is_administrator(user):
        counts["certificates"] = stored_awaiting_approval().count()
    return counts
