"""Roles in a cohort: which a person holds, and setting them (audited, announced with
``cms.events.cohort_roles_changed`` so the journey settles completion again). Who may
set them is ``access.leads_cohort``."""

from django.db import transaction

from cms.audit import record
from cms.events import cohort_roles_changed
from courses.models import ModuleRole

from .models import Cohort, CohortRole


def roles_of(*, learner, programme) -> set[str]:
    """The roles ``learner`` holds in the cohorts of ``programme`` they are a member of.
    One query."""
    if not learner.is_authenticated:
        return set()
    return set(
        CohortRole.objects.held_in(person=learner, programme=programme).values_list(
            "role", flat=True
        )
    )


def roles_by_programme(learner) -> dict[int, set[str]]:
    """``{programme_id: roles}``: the roles ``learner`` holds in each programme's
    cohorts they are a member of. One query."""
    held: dict[int, set[str]] = {}
    rows = CohortRole.objects.current().filter(person=learner)
    for programme_id, role in rows.values_list("cohort__programme_id", "role"):
        held.setdefault(programme_id, set()).add(role)
    return held


def roles_in(cohort: Cohort) -> dict[int, set[str]]:
    """``{person_id: roles}`` of the cohort's current members. One query."""
    held: dict[int, set[str]] = {}
    for person_id, role in (
        CohortRole.objects.current().filter(cohort=cohort).values_list("person_id", "role")
    ):
        held.setdefault(person_id, set()).add(role)
    return held


class NotAMember(ValueError):
    """Roles are held by members of the cohort only."""


@transaction.atomic
def set_roles(*, cohort: Cohort, person, roles: set[str], actor) -> bool:
    """Give ``person`` (a member of ``cohort``) exactly ``roles``; each role given or
    taken away is audited (``cohort.role.added``/``.removed``). Returns whether anything
    changed."""
    if not cohort.members.filter(pk=person.pk).exists():
        raise NotAMember(person.pk)
    roles = set(roles) & set(ModuleRole.values)
    held = set(
        CohortRole.objects.filter(cohort=cohort, person=person).values_list("role", flat=True)
    )
    for role in sorted(roles - held):
        CohortRole.objects.create(cohort=cohort, person=person, role=role)
        record(actor=actor, action="cohort.role.added", target=cohort, user=person.pk, role=role)
    for role in sorted(held - roles):
        CohortRole.objects.filter(cohort=cohort, person=person, role=role).delete()
        record(actor=actor, action="cohort.role.removed", target=cohort, user=person.pk, role=role)
    changed = roles != held
    if changed:
        cohort_roles_changed.send(
            sender=CohortRole,
            learner=person,
            programme=cohort.programme,
            roles=roles_of(learner=person, programme=cohort.programme),
        )
    return changed
