"""A leader's sign-off of a finished module (``courses.ModulePage.signoff``): the rule
completion asks (``granted``), the request that waits for a leader, and who decides it.

A module that asks a leader's sign-off counts as completed only once a leader of the
learner's cohort signed it off. The learner finishes it as its completion rule says; a
request then waits (``follow``) in the queue of the cohort's leaders — who they are is
``learners.cohorts.access.leads_cohort`` — or, for a learner in no cohort of the
programme, of the programme's leads. Nobody decides their own request. The decisions
(sign off, return with a comment, ask again) are in ``signoff_decisions``."""

from django.db.models import Q

from cms.access import is_administrator, led_programme_ids, manages_programme
from cms.audit import record
from courses.models import ModulePage, ModuleRole
from learners.cohorts.access import leads_cohort, led_cohorts
from learners.cohorts.models import Cohort

from .models import Enrolment, ModuleProgress, ModuleSignoff

Status = ModuleSignoff.Status


def needed(module: ModulePage) -> bool:
    """Whether the module asks a cohort leader's sign-off before it counts."""
    return module.signoff == ModuleRole.LEADER


def granted(progress: ModuleProgress, module: ModulePage) -> bool:
    """The sign-off part of completion: nothing to wait for, or a leader signed it off.
    A completion recorded before the module asked a sign-off stands (an author adding
    the sign-off takes nobody's completion away)."""
    return (
        not needed(module)
        or progress.signed_off_at is not None
        or progress.completed_at is not None
    )


def cohort_for(*, learner, programme) -> Cohort | None:
    """The cohort whose leaders sign off ``learner``'s modules of ``programme``: the
    cohort of their enrolment, else the first cohort of the programme they belong to."""
    enrolment = Enrolment.objects.filter(learner=learner, programme=programme).first()
    if enrolment is not None and enrolment.cohort_id:
        return enrolment.cohort
    return Cohort.objects.filter(programme=programme, members=learner).order_by("pk").first()


def latest(*, learner, module: ModulePage) -> ModuleSignoff | None:
    """The learner's most recent request for ``module`` (a source module)."""
    return ModuleSignoff.objects.filter(learner=learner, module=module).order_by("-pk").first()


def open_request(progress: ModuleProgress, module: ModulePage) -> ModuleSignoff:
    """Put the finished module in the leaders' queue (once: a waiting one is returned)."""
    waiting = ModuleSignoff.objects.waiting().filter(learner=progress.learner, module=module)
    if (found := waiting.first()) is not None:
        return found
    programme = module.programme
    request = ModuleSignoff.objects.create(
        learner=progress.learner,
        module=module,
        programme=programme,
        cohort=cohort_for(learner=progress.learner, programme=programme),
    )
    record(actor=progress.learner, action="module.signoff.requested", target=request)
    return request


def follow(progress: ModuleProgress, module: ModulePage, *, finished: bool) -> None:
    """Keep the request in step with the learner's work: a finished module not signed off
    waits for a leader (unless a leader returned it: then the learner asks again); a
    module no longer finished leaves the queue."""
    if progress.signed_off_at is not None or progress.completed_at is not None:
        return
    last = latest(learner=progress.learner, module=module)
    if finished and last is None:
        open_request(progress, module)
    elif not finished and last is not None and last.status == Status.WAITING:
        last.delete()
        record(actor=progress.learner, action="module.signoff.withdrawn", target=progress)


def queue(user):
    """The waiting requests ``user`` may decide (``may_decide``), oldest first."""
    if not user.is_authenticated:
        return ModuleSignoff.objects.none()
    theirs = Q()
    if not is_administrator(user):
        theirs = Q(cohort__in=led_cohorts(user)) | Q(
            cohort__isnull=True, programme__in=led_programme_ids(user)
        )
    return (
        ModuleSignoff.objects.waiting()
        .filter(theirs)
        .exclude(learner=user)
        .select_related("learner", "module", "cohort", "programme")
    )


def may_decide(user, request: ModuleSignoff) -> bool:
    """The leaders of the request's cohort (without one, the programme's leads) decide
    it; never the learner themselves."""
    if not user.is_authenticated or request.learner_id == user.pk:
        return False
    if request.cohort_id:
        return leads_cohort(user, request.cohort)
    return manages_programme(user, request.programme_id)


def waiting_among(*, learner, sources: dict[int, int]) -> set[int]:
    """Of the modules in ``sources`` (``{module id: its source's id}``, those that ask a
    sign-off, in any language), the ids of those waiting for a leader. One query, none
    without any."""
    if not sources or not learner.is_authenticated:
        return set()
    waiting = set(
        ModuleSignoff.objects.waiting()
        .filter(learner=learner, module__in=set(sources.values()))
        .values_list("module_id", flat=True)
    )
    return {pk for pk, source in sources.items() if source in waiting}
