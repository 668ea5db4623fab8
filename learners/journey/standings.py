"""A learner's programmes at a glance, for the dashboard: progress on each and the module
to continue with, shown in the reader's language where a translation exists."""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page

from courses.models import ModulePage
from courses.translation import translations_in
from learners.cohorts.roles import roles_by_programme

from . import required
from .models import Enrolment, ModuleProgress


@dataclass
class ProgrammeStanding:
    enrolment: Enrolment
    total: int
    completed: int
    next_module: ModulePage | None
    programme: Page | None = None  # as shown: the source, or its translation
    language: str = ""  # the language ``programme`` is shown in

    def __post_init__(self):
        self.programme = self.programme or self.enrolment.programme
        self.language = self.language or self.enrolment.programme.language

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0


def in_reader_language(standings: list[ProgrammeStanding], language: str) -> None:
    """Show each standing's programme and next module in ``language`` where the
    programme has a live translation in it (progress stays counted on the sources). No
    query when every programme is written in ``language``, one otherwise."""
    language = language.split("-")[0]
    foreign = [s for s in standings if s.language != language]
    if not foreign:
        return
    pages = [s.enrolment.programme for s in foreign]
    pages += [s.next_module for s in foreign if s.next_module is not None]
    translated = translations_in(pages, language)
    for standing in foreign:
        programme = translated.get(standing.enrolment.programme.translation_key)
        if programme is None:
            continue
        standing.programme, standing.language = programme, language
        if standing.next_module is not None:
            module_key = standing.next_module.translation_key
            standing.next_module = translated.get(module_key, standing.next_module)


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
