"""Which modules a learner must complete. Every module, except a module for a cohort
role (``ModulePage.for_role``) the learner does not hold: for them it is optional — it
shows as optional, is not counted for the programme's completion and never blocks a
later module. A later module that names an optional one as a prerequisite needs, in its
place, what the optional module itself needed (so skipping step 5 does not skip step 4).
The rule per module is ``ModulePage.required_of``; the roles come from
``learners.cohorts.roles``."""

from django.db.models import Subquery

from courses.models import ModulePage, ProgrammePage
from courses.translation import canonical
from learners.cohorts.roles import roles_of

from .models import ModuleProgress


def roles_for(*, learner, module: ModulePage) -> set[str]:
    """The learner's roles in the cohorts of ``module``'s programme (its source, for a
    translation: cohorts belong to the source programme). One query."""
    module = canonical(module)
    programme = ProgrammePage.objects.filter(path=module.path[: -module.steplen]).values("pk")
    return roles_of(learner=learner, programme=Subquery(programme[:1]))


def completed_ids(*, learner, modules) -> set[int]:
    return set(
        ModuleProgress.objects.filter(
            learner=learner, module__in=modules, completed_at__isnull=False
        ).values_list("module_id", flat=True)
    )


def outstanding(prerequisites, *, done: set[int], roles: set[str], prerequisites_of) -> list:
    """Of ``prerequisites``, those still standing in the way: each required one not
    completed, and for each optional one not completed, what stands in its own way.
    ``prerequisites_of(module)`` gives a module's prerequisites. In course order."""
    found: dict[int, ModulePage] = {}
    seen: set[int] = set()
    stack = list(prerequisites)
    while stack:
        module = stack.pop()
        if module.pk in seen or module.pk in done:
            continue
        seen.add(module.pk)
        if module.required_of(roles):
            found[module.pk] = module
        else:
            stack.extend(prerequisites_of(module))
    return sorted(found.values(), key=lambda m: (m.order, m.pk))


def required(modules, roles: set[str]) -> list[ModulePage]:
    """The modules of ``modules`` a learner holding ``roles`` must complete."""
    return [module for module in modules if module.required_of(roles)]


def required_for(*, learner, programme, modules) -> list[ModulePage]:
    """The modules of ``modules`` (of ``programme``) ``learner`` must complete: all of
    them, unless one is for a cohort role (then one query for the learner's roles)."""
    modules = list(modules)
    if not any(module.for_role for module in modules):
        return modules
    return required(modules, roles_of(learner=learner, programme=programme))
