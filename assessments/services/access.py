"""Who may take, grade and report on an exam. The lead part is asked of
``cms.access.leads_programme``/``led_programme_ids``; supervision of the room that owns
it, ``learners.cohorts``. A learner's active supervisor and their active mentor (a
volunteer co-facilitator, ``learners.cohorts.Mentorship``, for programmes without
clinical supervisors) grade alike."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from cms.access import (
    in_led_programmes,
    is_administrator,
    led_programme_ids,
    manages_programme,
)
from courses.models import ModulePage
from learners.cohorts.models import Mentorship, Supervision
from learners.journey.models import Enrolment
from learners.journey.progress import missing_prerequisites

from ..models import Attempt, ExamPage, ExtraTime, Question
from .errors import ExamRuleError, ModuleLocked, NotEnrolled


def is_enrolled(*, learner, exam: ExamPage) -> bool:
    """Only a logged-in user with an active (not withdrawn) enrolment in the exam's
    programme may take the exam."""
    if not getattr(learner, "is_authenticated", False) or exam.programme is None:
        return False
    return Enrolment.objects.active().filter(learner=learner, programme=exam.programme).exists()


def module_locked(*, learner, exam: ExamPage) -> bool:
    """An exam under a module is behind that module's gate: while the learner has not
    completed the module's prerequisites they can neither start nor answer it (the same
    rule ``learners.journey.gate`` keeps for the module's own page)."""
    parent = exam.get_parent().specific
    return isinstance(parent, ModulePage) and bool(
        missing_prerequisites(learner=learner, module=parent)
    )


def taking_problem(*, learner, exam: ExamPage) -> ExamRuleError | None:
    """Why ``learner`` may not work on the exam now (start it, or answer or submit an open
    attempt), or None: they must hold an active enrolment (a withdrawn learner's open
    attempt stops taking answers) and the exam's module must be open to them."""
    if not is_enrolled(learner=learner, exam=exam):
        return NotEnrolled()
    if module_locked(learner=learner, exam=exam):
        return ModuleLocked()
    return None


def _guides(user) -> tuple[QuerySet, QuerySet]:
    """The user's active supervisions and active mentorships: either lets them grade
    their learner's attempts in that programme."""
    return (
        Supervision.objects.active().filter(supervisor=user),
        Mentorship.objects.active().filter(mentor=user),
    )


def gradable_attempts(user) -> QuerySet:
    """Attempts a user may grade and see: those of learners they actively supervise or
    mentor in the attempt's programme, and those in programmes they lead
    (``cms.access.led_programme_ids``). Administrators see all. An attempt still in
    progress is the learner's draft: nobody else reads it until it is submitted."""
    if not getattr(user, "is_authenticated", False):
        return Attempt.objects.none()
    submitted = Attempt.objects.exclude(status=Attempt.Status.OPEN)
    if is_administrator(user):
        return submitted
    own = {"learner": OuterRef("learner"), "programme": OuterRef("programme")}
    supervised, mentored = (guides.filter(**own) for guides in _guides(user))
    return submitted.filter(
        Q(Exists(supervised)) | Q(Exists(mentored)) | Q(programme__in=led_programme_ids(user))
    )


def can_see_reports(*, user, exam: ExamPage) -> bool:
    """Reports, CSV export and regrading are for the leads of the exam's programme and
    administrators (``cms.access.manages_programme``)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_administrator(user):
        return True
    return exam.programme is not None and manages_programme(user, exam.programme)


def may_grade_exam(*, user, exam: ExamPage) -> bool:
    """The grading queue of an exam is open to the leads of its programme and to anyone
    actively supervising or mentoring a learner in that programme (the queue then holds
    only their own learners' attempts, ``gradable_attempts``)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if can_see_reports(user=user, exam=exam):
        return True
    return any(guides.filter(programme=exam.programme).exists() for guides in _guides(user))


def managed_questions(user) -> QuerySet:
    """Questions a person keeps in the bank: those of the programmes they lead
    (``cms.access.in_led_programmes``); administrators all, including the shared bank of
    questions that belong to no programme."""
    return in_led_programmes(user, Question.objects.select_related("programme"))


def accommodated_learners(user) -> QuerySet:
    """Whose extra exam time a person may set: administrators anyone; a lead the people
    enrolled in a programme they lead."""
    people = get_user_model().objects.filter(is_active=True)
    if is_administrator(user):
        return people
    if not user.is_authenticated:
        return people.none()
    enrolled = Enrolment.objects.filter(programme__in=led_programme_ids(user))
    return people.filter(pk__in=enrolled.values("learner"))


def managed_extra_time(user) -> QuerySet:
    """Extra exam time of the learners in ``accommodated_learners``."""
    return ExtraTime.objects.filter(learner__in=accommodated_learners(user)).select_related(
        "learner"
    )
