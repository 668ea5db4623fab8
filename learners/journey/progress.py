"""Enrolment, module progress, gating and programme completion (enrolment from a CSV
file: ``enrolment_csv``).

Completion is computed the moment something happens (a view, a "done" click, an exam
result), never by a nightly job.

Every function here records and reads against the *source* page of a translated
programme or module (``courses.translation.canonical``): a learner who switches
language keeps their enrolment and progress.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.access import manages_enrolments
from cms.audit import record
from cms.events import module_completed
from courses.models import ModulePage, ProgrammePage
from courses.translation import canonical, canonical_ids
from learners.cohorts.models import Cohort
from learners.cohorts.roles import roles_of

from . import required, signoff
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
    """The prerequisite modules this learner has not completed yet and must complete
    (an optional module for a role they do not hold stands aside for its own
    prerequisites: ``required``), in order (source modules)."""
    module = canonical(module)
    prerequisites = module.ordered_prerequisites()
    if not prerequisites:
        return []
    done = required.completed_ids(learner=learner, modules=prerequisites)
    if not any(m.for_role and m.pk not in done for m in prerequisites):
        return [m for m in prerequisites if m.pk not in done]
    siblings = _siblings(module)
    return required.outstanding(
        [siblings[m.pk] for m in prerequisites],
        done=required.completed_ids(learner=learner, modules=list(siblings)),
        roles=required.roles_for(learner=learner, module=module),
        prerequisites_of=lambda m: [siblings[p.pk] for p in m.prerequisites.all()],
    )


def _siblings(module: ModulePage) -> dict[int, ModulePage]:
    """The modules of ``module``'s programme by id, their prerequisites prefetched."""
    return {
        m.pk: m
        for m in ModulePage.objects.sibling_of(module, inclusive=True).prefetch_related(
            "prerequisites"
        )
    }


def prerequisite_path(*, learner, module: ModulePage) -> list[tuple[ModulePage, bool]]:
    """Every module the learner must still complete before ``module``: its prerequisites,
    theirs, and so on, in course order, each with whether it is open now (nothing left
    standing in its way). A locked module shows the whole way there, so nobody walks
    from one locked page to the next. An optional module (``required``) is not on the
    way, but what it needs is. Three queries (four while a module for a role is not
    completed). Source modules."""
    module = canonical(module)
    siblings = _siblings(module)
    done = required.completed_ids(learner=learner, modules=list(siblings))
    roles_matter = any(m.for_role and m.pk not in done for m in siblings.values())
    roles = required.roles_for(learner=learner, module=module) if roles_matter else set()

    def before(m: ModulePage) -> list[ModulePage]:
        return [siblings[p.pk] for p in m.prerequisites.all() if p.pk in siblings]

    def standing_in_way(m: ModulePage) -> list[ModulePage]:
        return required.outstanding(before(m), done=done, roles=roles, prerequisites_of=before)

    needed: dict[int, ModulePage] = {}
    stack = standing_in_way(siblings[module.pk]) if module.pk in siblings else []
    while stack:
        m = stack.pop()
        if m.pk not in needed:
            needed[m.pk] = m
            stack.extend(standing_in_way(m))
    path = sorted(needed.values(), key=lambda m: (m.order, m.pk))
    return [(m, not standing_in_way(m)) for m in path]


def _progress_for_update(learner, module) -> ModuleProgress:
    """The learner's progress row, locked for this transaction (created if missing)."""
    locked = ModuleProgress.objects.select_for_update().filter(learner=learner, module=module)
    progress = locked.first()
    if progress is None:
        ModuleProgress.objects.get_or_create(learner=learner, module=module)
        progress = locked.get()
    return progress


def rule_met(progress: ModuleProgress, rule: str) -> bool:
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


def completes(progress: ModuleProgress, module: ModulePage) -> bool:
    """A module is completed when its rule's facts hold and, where it asks a leader's
    sign-off, a leader signed it off (``signoff.granted``)."""
    return rule_met(progress, module.completion_rule) and signoff.granted(progress, module)


def _settle(progress: ModuleProgress, module: ModulePage, fields: list[str]) -> None:
    """Save what happened, complete the module if its rule now holds, and complete the
    programme at once if that was its last module. A change either way is announced
    with ``module_completed``."""
    met = completes(progress, module)
    changed = (progress.completed_at is None) == met
    if changed:
        # Completed now; or a regraded exam took a pass away again.
        progress.completed_at = timezone.now() if met else None
        fields.append("completed_at")
    progress.save(update_fields=fields)
    if signoff.needed(module):  # finished, it waits for a leader; unfinished, it stops
        signoff.follow(progress, module, finished=rule_met(progress, module.completion_rule))
    if changed:
        if met:
            record(actor=progress.learner, action="module.completed", target=progress)
        enrolment = active_enrolment(learner=progress.learner, programme=module.programme)
        if enrolment is not None:
            update_programme_completion(enrolment)
        module_completed.send(
            sender=ModuleProgress, learner=progress.learner, module=module, completed=met
        )


# How finely the last view of a module is kept: a view within this time of the recorded
# one changes nothing worth a write.
VIEW_RESOLUTION = datetime.timedelta(hours=1)


def record_view(*, learner, module: ModulePage, now=None, seen=...) -> ModuleProgress:
    """A learner opened the module's material: it is started (and complete, where the
    rule is 'viewed'). Reading a module is no write per view: the row is written only
    when the view changes something — the module's first view, a completion the rule
    now gives or takes, or a last view older than ``VIEW_RESOLUTION`` — and otherwise
    the stored progress is returned as read (one query, no lock; none when the caller
    passes the row it read, or None for no row, as ``seen``). Recorded against the
    source module of a translation."""
    module = canonical(module)
    now = now or timezone.now()
    if seen is ...:
        seen = ModuleProgress.objects.filter(learner=learner, module=module).first()
    if (
        seen is not None
        and seen.last_viewed_at is not None
        and now - seen.last_viewed_at < VIEW_RESOLUTION
        and completes(seen, module) == (seen.completed_at is not None)
    ):
        return seen
    return _store_view(learner, module, now)


@transaction.atomic
def _store_view(learner, module: ModulePage, now) -> ModuleProgress:
    progress = _progress_for_update(learner, module)
    progress.last_viewed_at = now
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


@transaction.atomic
def record_signoff(*, learner, module: ModulePage) -> ModuleProgress:
    """A leader signed the module off (``signoff_decisions``): completion follows."""
    module = canonical(module)
    progress = _progress_for_update(learner, module)
    progress.signed_off_at = progress.signed_off_at or timezone.now()
    _settle(progress, module, ["signed_off_at"])
    return progress


def update_programme_completion(enrolment: Enrolment) -> Enrolment:
    """An enrolment is completed exactly when every published module the learner must
    complete (``required``: all but the modules for roles they do not hold) is
    completed."""
    modules = list(ModulePage.objects.child_of(enrolment.programme).live().only("pk", "for_role"))
    done = required.completed_ids(learner=enrolment.learner, modules=modules)
    missing = [module for module in modules if module.pk not in done]
    if missing and all(module.for_role for module in missing):  # only then roles matter
        roles = roles_of(learner=enrolment.learner, programme=enrolment.programme)
        missing = required.required(missing, roles)
    complete = bool(modules) and not missing
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


def may_study(*, user, module: ModulePage) -> bool:
    """A module's material is open to a learner who is enrolled in its programme (not
    withdrawn) and has completed every prerequisite."""
    if not user.is_authenticated:
        return False
    module = canonical(module)
    enrolment = active_enrolment(learner=user, programme=module.programme)
    return enrolment is not None and not missing_prerequisites(learner=user, module=module)


def programme_context(*, user, programme: ProgrammePage, modules: list[ModulePage]) -> dict:
    """A learner's standing on a programme page: enrolment, completed modules, the
    modules optional for them (``required``), next step, and whether they may manage the
    programme's enrolments. ``programme`` and ``modules`` may be a translation:
    completion is read from their sources."""
    if not user.is_authenticated:
        return {}
    programme = canonical(programme)
    sources = canonical_ids(modules)
    enrolment = Enrolment.objects.filter(learner=user, programme=programme).first()
    asking = {m.pk: sources[m.pk] for m in modules if signoff.needed(m)}
    done = set(
        ModuleProgress.objects.filter(
            learner=user, module__in=set(sources.values()), completed_at__isnull=False
        ).values_list("module_id", flat=True)
    )
    completed = {module.pk for module in modules if sources[module.pk] in done}
    active = enrolment is not None and enrolment.status != Enrolment.Status.WITHDRAWN
    with_roles = any(m.for_role for m in modules)
    roles = roles_of(learner=user, programme=programme) if with_roles else set()
    must = required.required(modules, roles)
    return {
        "manages_enrolments": manages_enrolments(user, programme),
        "enrolment": enrolment,
        "enrolled": active,
        "completed_ids": completed,
        "completed_count": len(completed & {m.pk for m in must}),
        "required_count": len(must),
        "optional_ids": {m.pk for m in modules} - {m.pk for m in must},
        "waiting_ids": signoff.waiting_among(learner=user, sources=asking),
        "next_module": next((m for m in must if m.pk not in completed), None) if active else None,
    }
