"""The organisation leader's view: progress per cohort and per department."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from courses.models import ModulePage
from learners.cohorts.models import Cohort, Department
from learners.journey.models import ModuleProgress


@dataclass
class GroupProgress:
    name: str
    learners: int
    possible: int
    completed: int

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.possible) if self.possible else 0


def _modules_and_completions(cohorts: list[Cohort]):
    """The live module ids of each cohort's programme, and each member's completed module
    ids: two queries (the members must be prefetched)."""
    module_ids = defaultdict(set)
    programmes = {c.programme_id: c.programme for c in cohorts}
    if programmes:
        condition = Q()
        for programme in programmes.values():
            condition |= Q(path__startswith=programme.path, depth=programme.depth + 1)
        for module in ModulePage.objects.live().filter(condition).only("pk", "path"):
            for pid, programme in programmes.items():
                if module.path.startswith(programme.path):
                    module_ids[pid].add(module.pk)
    done = defaultdict(set)
    members = {m.pk for c in cohorts for m in c.members.all()}
    if members:
        for learner_id, module_id in ModuleProgress.objects.filter(
            learner__in=members, completed_at__isnull=False
        ).values_list("learner_id", "module_id"):
            done[learner_id].add(module_id)
    return module_ids, done


def cohort_progress(cohorts) -> list[tuple[Cohort, GroupProgress]]:
    """Each cohort with its learners and the modules they completed out of those possible
    (members × the programme's live modules). Three queries for any number of cohorts."""
    cohorts = list(cohorts.select_related("programme").prefetch_related("members"))
    module_ids, done = _modules_and_completions(cohorts)
    result = []
    for cohort in cohorts:
        modules = module_ids[cohort.programme_id]
        people = list(cohort.members.all())
        completed = sum(len(done[p.pk] & modules) for p in people)
        result.append(
            (cohort, GroupProgress(cohort.name, len(people), len(people) * len(modules), completed))
        )
    return result


def organisation_overview(organisation) -> dict:
    """Progress per cohort and per department of an organisation: learners, and modules
    completed out of those possible. A fixed number of queries."""
    cohorts = list(
        Cohort.objects.filter(organisation=organisation)
        .select_related("programme")
        .prefetch_related("members")
    )
    module_ids, done = _modules_and_completions(cohorts)
    by_cohort = []
    dept_totals: dict[int | None, list] = defaultdict(lambda: [0, 0, set()])
    departments = list(
        Department.objects.filter(organisation=organisation).prefetch_related("staff")
    )
    dept_of = defaultdict(list)
    for dept in departments:
        for person in dept.staff.all():
            dept_of[person.pk].append(dept.pk)
    for cohort in cohorts:
        modules = module_ids[cohort.programme_id]
        people = list(cohort.members.all())
        completed = sum(len(done[p.pk] & modules) for p in people)
        by_cohort.append(
            (cohort, GroupProgress(cohort.name, len(people), len(people) * len(modules), completed))
        )
        for person in people:
            for dept_id in dept_of.get(person.pk) or [None]:
                totals = dept_totals[dept_id]
                totals[0] += len(modules)
                totals[1] += len(done[person.pk] & modules)
                totals[2].add(person.pk)
    by_department = []
    for dept in [*departments, None]:
        key = dept.pk if dept else None
        if key not in dept_totals:
            continue
        possible, completed, people = dept_totals[key]
        name = dept.name if dept else _("No department")
        by_department.append(GroupProgress(name, len(people), possible, completed))
    return {"cohorts": by_cohort, "departments": by_department}
