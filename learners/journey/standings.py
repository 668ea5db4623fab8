"""A learner's standing in each programme, for the dashboard: progress and the module to
continue with."""

from dataclasses import dataclass

from django.db.models import Q

from courses.models import ModulePage
from learners.cohorts.roles import roles_by_programme

from . import required
from .models import Enrolment, ModuleProgress


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
    with: the first module, in order, that is not completed, counting only the modules
    the learner must complete (``required``). Three queries in all, four when a
    programme has a module for a role."""
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
    held = roles_by_programme(learner) if any(m.for_role for m in modules) else {}
    result = []
    for path, enrolment in by_path.items():
        ordered = sorted(grouped[path], key=lambda m: (m.order, m.pk))
        ordered = required.required(ordered, held.get(enrolment.programme_id, set()))
        done = [m for m in ordered if m.pk in completed]
        upcoming = next((m for m in ordered if m.pk not in completed), None)
        result.append(ProgrammeStanding(enrolment, len(ordered), len(done), upcoming))
    return result
