"""Enrolment, module progress, gating and programme completion (enrolment from a CSV
file: ``enrolment_csv``).

Completion is computed the moment something happens (a view, a "done" click, an exam
result), never by a nightly job.

Every function here records and reads against the *source* page of a translated
programme or module (``courses.translation.canonical``): a learner who switches
language keeps their enrolment and progress.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.access import manages_enrolments
from cms.audit import record
from cms.events import module_completed
from courses.models import ModulePage, ProgrammePage
from courses.translation import canonical, canonical_ids
from learners.cohorts.models import Cohort

from .models import Enrolment, ModuleProgress

Rule = ModulePage.CompletionRule


class EnrolmentRefused(Exception):
    """Raised with a sentence a person can read."""


# --- enrolment ---------------------------------------------------------------------------


@transaction.atomic
def enrol(*, learner, programme: ProgrammePage, actor, cohort: Cohort | None = None) -> Enrolment:
    """Enrol ``learner`` in ``programme``.

    A learner may enrol themselves only where the programme allows self-enrolment;
    otherwise ``actor`` must be someone else (a lead or administrator, checked by the
    view). Enrolling again after withdrawing restores the same record and its progress.
    """
    programme = canonical(programme)
    if actor == learner and not programme.self_enrolment:
        raise EnrolmentRefused(_("This programme is by invitation: a programme lead enrols you."))
    enrolment = (
        Enrolment.objects.select_for_update().filter(learner=learner, programme=programme).first()
    )
    if enrolment is None:
        enrolment = Enrolment.objects.create(learner=learner, programme=programme, cohort=cohort)
        record(actor=actor, action="enrolment.created", target=enrolment, learner=learner.pk)
    elif enrolment.status == Enrolment.Status.WITHDRAWN:
        enrolment.status = Enrolment.Status.ACTIVE
        enrolment.withdrawn_at = None
        enrolment.cohort = cohort or enrolment.cohort
        enrolment.save(update_fields=["status", "withdrawn_at", "cohort"])
        record(actor=actor, action="enrolment.restored", target=enrolment, learner=learner.pk)
        update_programme_completion(enrolment)
    elif cohort is not None and enrolment.cohort_id != cohort.pk:
        enrolment.cohort = cohort
        enrolment.save(update_fields=["cohort"])
        record(actor=actor, action="enrolment.cohort_changed", target=enrolment, cohort=cohort.pk)
    return enrolment


@transaction.atomic
def withdraw(*, enrolment: Enrolment, actor) -> Enrolment:
    """Withdraw without deleting: progress and journal entries stay for a return."""
    if enrolment.status != Enrolment.Status.WITHDRAWN:
        enrolment.status = Enrolment.Status.WITHDRAWN
        enrolment.withdrawn_at = timezone.now()
        enrolment.save(update_fields=["status", "withdrawn_at"])
        record(actor=actor, action="enrolment.withdrawn", target=enrolment)
    return enrolment


def enrol_cohort(*, cohort: Cohort, actor) -> list[Enrolment]:
    """Enrol every member of a cohort in the cohort's programme."""
    return [
        enrol(learner=member, programme=cohort.programme, cohort=cohort, actor=actor)
        for member in cohort.members.all()
    ]


def active_enrolment(*, learner, programme: ProgrammePage) -> Enrolment | None:
    return (
        Enrolment.objects.active().filter(learner=learner, programme=canonical(programme)).first()
    )


def missing_prerequisites(*, learner, module: ModulePage) -> list[ModulePage]:
    """The prerequisite modules this learner has not completed yet, in order (source
    modules)."""
    required = list(canonical(module).prerequisites.order_by("order"))
    if not required:
        return []
    done = set(
        ModuleProgress.objects.filter(
            learner=learner, module__in=required, completed_at__isnull=False
        ).values_list("module_id", flat=True)
    )
    return [m for m in required if m.pk not in done]


def prerequisite_path(*, learner, module: ModulePage) -> list[tuple[ModulePage, bool]]:
    """Every module the learner must still complete before ``module``: its prerequisites,
    theirs, and so on, in course order, each with whether it is open now (all of its own
    prerequisites completed). A locked module shows the whole way there, so nobody walks
    from one locked page to the next. Source modules; four queries."""
    module = canonical(module)
    siblings = {
        m.pk: m
        for m in ModulePage.objects.sibling_of(module, inclusive=True).prefetch_related(
            "prerequisites"
        )
    }
    done = set(
        ModuleProgress.objects.filter(
            learner=learner, module__in=list(siblings), completed_at__isnull=False
        ).values_list("module_id", flat=True)
    )
    needed: set[int] = set()
    stack = [p.pk for p in siblings[module.pk].prerequisites.all()] if module.pk in siblings else []
    while stack:
        pk = stack.pop()
        if pk in needed or pk in done or pk not in siblings:
            continue
        needed.add(pk)
        stack.extend(p.pk for p in siblings[pk].prerequisites.all())
    path = sorted((siblings[pk] for pk in needed), key=lambda m: (m.order, m.pk))
    return [(m, all(p.pk in done for p in m.prerequisites.all())) for m in path]


def _progress_for_update(learner, module) -> ModuleProgress:
    """The learner's progress row, locked for this transaction (created if missing)."""
    locked = ModuleProgress.objects.select_for_update().filter(learner=learner, module=module)
    progress = locked.first()
    if progress is None:
        ModuleProgress.objects.get_or_create(learner=learner, module=module)
        progress = locked.get()
    return progress


def _rule_met(progress: ModuleProgress, rule: str) -> bool:
    """The module's completion rule, on the facts recorded so far."""
    if rule == Rule.VIEWED:
        return progress.last_viewed_at is not None
    if rule == Rule.MARKED_DONE:
        return progress.marked_done_at is not None
    if rule == Rule.EXAM_PASSED:
        return progress.passed_at is not None
    if rule == Rule.ATTENDED:
        return progress.attended_at is not None
    return progress.marked_done_at is not None and progress.passed_at is not None


def _settle(progress: ModuleProgress, module: ModulePage, fields: list[str]) -> None:
    """Save what happened, complete the module if its rule now holds, and complete the
    programme at once if that was its last module. A change either way is announced
    with ``module_completed``."""
    met = _rule_met(progress, module.completion_rule)
    changed = (progress.completed_at is None) == met
    if changed:
        # Completed now; or a regraded exam took a pass away again.
        progress.completed_at = timezone.now() if met else None
        fields.append("completed_at")
    progress.save(update_fields=fields)
    if changed:
        if met:
            record(actor=progress.learner, action="module.completed", target=progress)
        enrolment = active_enrolment(learner=progress.learner, programme=module.programme)
        if enrolment is not None:
            update_programme_completion(enrolment)
        module_completed.send(
            sender=ModuleProgress, learner=progress.learner, module=module, completed=met
        )


@transaction.atomic
def record_view(*, learner, module: ModulePage) -> ModuleProgress:
    """A learner opened the module's material: it is started (and complete, where the
    rule is 'viewed')."""
    module = canonical(module)
    progress = _progress_for_update(learner, module)
    progress.last_viewed_at = timezone.now()
    _settle(progress, module, ["last_viewed_at"])
    return progress


@transaction.atomic
def acknowledge_content_note(*, learner, module: ModulePage) -> ModuleProgress:
    module = canonical(module)
    progress = _progress_for_update(learner, module)
    if progress.content_note_seen_at is None:
        progress.content_note_seen_at = timezone.now()
        progress.save(update_fields=["content_note_seen_at"])
    return progress


@transaction.atomic
def save_place(*, learner, module: ModulePage) -> ModuleProgress:
    """'Not now': keep the module as where the learner left off, without reading it."""
    module = canonical(module)
    progress, _created = ModuleProgress.objects.get_or_create(learner=learner, module=module)
    return progress


@transaction.atomic
def mark_done(*, learner, module: ModulePage, done: bool = True) -> ModuleProgress:
    """The learner marks the module done (or not done). Completion follows the rule."""
    module = canonical(module)
    progress = _progress_for_update(learner, module)
    progress.marked_done_at = timezone.now() if done else None
    _settle(progress, module, ["marked_done_at"])
    return progress


@transaction.atomic
def record_exam_result(*, learner, module: ModulePage, passed: bool) -> ModuleProgress:
    """An exam of this module was graded: passing and failing are recorded as they are."""
    module = canonical(module)
    progress = _progress_for_update(learner, module)
    progress.passed_at = (progress.passed_at or timezone.now()) if passed else None
    _settle(progress, module, ["passed_at"])
    return progress


@transaction.atomic
def record_attendance(*, learner, module: ModulePage, attended: bool) -> ModuleProgress:
    """The learner's attendance at the module's sessions changed: ``attended`` says
    whether any session of the module now has them present. Completion follows at once,
    and is taken back if the only "present" was corrected."""
    module = canonical(module)
    progress = _progress_for_update(learner, module)
    progress.attended_at = (progress.attended_at or timezone.now()) if attended else None
    _settle(progress, module, ["attended_at"])
    return progress


def update_programme_completion(enrolment: Enrolment) -> Enrolment:
    """An enrolment is completed exactly when every published module is completed."""
    modules = ModulePage.objects.child_of(enrolment.programme).live()
    total = modules.count()
    done = ModuleProgress.objects.filter(
        learner=enrolment.learner, module__in=modules, completed_at__isnull=False
    ).count()
    complete = total > 0 and done == total
    if complete and enrolment.status == Enrolment.Status.ACTIVE:
        enrolment.status = Enrolment.Status.COMPLETED
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["status", "completed_at"])
        record(actor=enrolment.learner, action="enrolment.completed", target=enrolment)
    elif not complete and enrolment.status == Enrolment.Status.COMPLETED:
        enrolment.status = Enrolment.Status.ACTIVE
        enrolment.completed_at = None
        enrolment.save(update_fields=["status", "completed_at"])
        record(actor=enrolment.learner, action="enrolment.reopened", target=enrolment)
    return enrolment


# --- overview for the dashboard -----------------------------------------------------------


@dataclass
class ProgrammeStanding:
    enrolment: Enrolment
    total: int
    completed: int
    next_module: ModulePage | None

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0


def standings(learner) -> list[ProgrammeStanding]:
    """Each active or completed enrolment with its progress and the module to continue
    with: the first module, in order, that is not completed. Three queries in all."""
    enrolments = list(
        Enrolment.objects.active().of(learner).select_related("programme").order_by("-enrolled_at")
    )
    if not enrolments:
        return []
    by_path = {e.programme.path: e for e in enrolments}
    depth = {e.programme.depth + 1 for e in enrolments}
    condition = Q()
    for path in by_path:
        condition |= Q(path__startswith=path)
    modules = list(ModulePage.objects.live().filter(condition, depth__in=depth).order_by("path"))
    completed = set(
        ModuleProgress.objects.filter(
            learner=learner, module__in=modules, completed_at__isnull=False
        ).values_list("module_id", flat=True)
    )
    grouped: dict[str, list[ModulePage]] = {path: [] for path in by_path}
    for module in modules:
        grouped[module.path[: -ModulePage.steplen]].append(module)
    result = []
    for path, enrolment in by_path.items():
        ordered = sorted(grouped[path], key=lambda m: (m.order, m.pk))
        done = [m for m in ordered if m.pk in completed]
        upcoming = next((m for m in ordered if m.pk not in completed), None)
        result.append(ProgrammeStanding(enrolment, len(ordered), len(done), upcoming))
    return result


def may_study(*, user, module: ModulePage) -> bool:
    """A module's material is open to a learner who is enrolled in its programme (not
    withdrawn) and has completed every prerequisite."""
    if not user.is_authenticated:
        return False
    module = canonical(module)
    enrolment = active_enrolment(learner=user, programme=module.programme)
    return enrolment is not None and not missing_prerequisites(learner=user, module=module)


def programme_context(*, user, programme: ProgrammePage, modules: list[ModulePage]) -> dict:
    """A learner's standing on a programme page: enrolment, completed modules, next step,
    and whether they may manage the programme's enrolments. ``programme`` and ``modules``
    may be a translation: completion is read from their sources."""
    if not user.is_authenticated:
        return {}
    programme = canonical(programme)
    sources = canonical_ids(modules)
    enrolment = Enrolment.objects.filter(learner=user, programme=programme).first()
    done = set(
        ModuleProgress.objects.filter(
            learner=user, module__in=set(sources.values()), completed_at__isnull=False
        ).values_list("module_id", flat=True)
    )
    completed = {module.pk for module in modules if sources[module.pk] in done}
    active = enrolment is not None and enrolment.status != Enrolment.Status.WITHDRAWN
    return {
        "manages_enrolments": manages_enrolments(user, programme),
        "enrolment": enrolment,
        "enrolled": active,
        "completed_ids": completed,
        "completed_count": len(completed),
        "next_module": next((m for m in modules if m.pk not in completed), None)
        if active
        else None,
    }
