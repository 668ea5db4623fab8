"""Who sees which cohort and organisation, and changes to cohort membership.

Anything a person may not see is a 404. Who leads a programme is asked of
``cms.access.led_programme_ids``; a lead sees every cohort of the programmes they lead.
*Organisation leaders* see (read only) the organisations that list them as leaders.
Administrators see all.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cms.access import (
    ORGANISATION_LEADERS,
    is_administrator,
    led_programme_ids,
    role_names,
)
from cms.audit import record
from courses.models import ModulePage, ModuleRole, ProgrammePage

from .models import Cohort, CohortRole, Department, ModuleDeadline, Organisation, Session


def managed_cohorts(user):
    """Cohorts a person may manage (edit, take registers, export): all for
    administrators, every cohort of their programmes for leads."""
    cohorts = Cohort.objects.select_related("organisation", "programme", "lead")
    if not user.is_authenticated:
        return cohorts.none()
    if is_administrator(user):
        return cohorts
    return cohorts.filter(programme__in=led_programme_ids(user))


def managed_sessions(user):
    """Sessions of the cohorts a person manages."""
    return Session.objects.filter(cohort__in=managed_cohorts(user)).select_related(
        "cohort__organisation", "module", "facilitator"
    )


def plannable_modules(user):
    """Live modules a person may plan sessions for: every module for administrators,
    the modules of the programmes they lead for leads, none for anyone else."""
    modules = ModulePage.objects.live().order_by("path")
    if not user.is_authenticated:
        return modules.none()
    if is_administrator(user):
        return modules
    paths = ProgrammePage.objects.filter(pk__in=led_programme_ids(user)).values_list(
        "path", flat=True
    )
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return modules.filter(condition)


def visible_cohorts(user):
    """Cohorts whose report a person may read: those they manage, and for organisation
    leaders the cohorts of their organisations."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    if is_administrator(user):
        return Cohort.objects.all()
    condition = Q(programme__in=led_programme_ids(user))
    if ORGANISATION_LEADERS in role_names(user):
        condition |= Q(organisation__leaders=user)
    return Cohort.objects.filter(condition).distinct()


def manages_cohort(user, cohort: Cohort) -> bool:
    return managed_cohorts(user).filter(pk=cohort.pk).exists()


def leads_cohort(user, cohort: Cohort) -> bool:
    """The cohort's leaders: its members who hold the *leader* role there, the leads of
    its programme (``cms.access.manages_programme``) and administrators. They set the
    roles of the cohort's members and approve its team documents. Asks ``led_cohorts``,
    the rule's one statement."""
    return led_cohorts(user).filter(pk=cohort.pk).exists()


def led_cohorts(user):
    """The cohorts ``user`` leads, as ``leads_cohort`` decides for one: those where they
    hold the *leader* role as a member, every cohort of the programmes they lead, and
    all for administrators. Lazy: callers filter with it (``cohort__in=``)."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    if is_administrator(user):
        return Cohort.objects.all()
    leader_of = CohortRole.objects.current().filter(person=user, role=ModuleRole.LEADER)
    return Cohort.objects.filter(
        Q(pk__in=leader_of.values("cohort")) | Q(programme__in=led_programme_ids(user))
    )


def managed_organisations(user):
    """Organisations in the admin: administrators all; a lead those with a cohort in a
    programme they lead (read only, by their model permissions)."""
    if is_administrator(user):
        return Organisation.objects.all()
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(cohorts__programme__in=led_programme_ids(user)).distinct()


def managed_departments(user):
    """Departments are kept by administrators only."""
    departments = Department.objects.select_related("organisation")
    return departments if is_administrator(user) else departments.none()


def visible_organisations(user):
    """Organisations whose leader view a person may read: administrators all, members of
    *Organisation leaders* those that list them."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if is_administrator(user):
        return Organisation.objects.all()
    if ORGANISATION_LEADERS not in role_names(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(leaders=user)


def record_membership_changes(*, cohort: Cohort, actor, before: dict[str, set[int]]) -> None:
    """Audit who was added to or removed from a cohort's members and supervisors, given
    the ids ``before`` the change (``{"members": {...}, "supervisors": {...}}``)."""
    for relation in ("members", "supervisors"):
        now = set(getattr(cohort, relation).values_list("pk", flat=True))
        was = before.get(relation, set())
        for added in sorted(now - was):
            record(actor=actor, action=f"cohort.{relation}.added", target=cohort, user=added)
        for removed in sorted(was - now):
            record(actor=actor, action=f"cohort.{relation}.removed", target=cohort, user=removed)


def membership(cohort: Cohort) -> dict[str, set[int]]:
    """The ids of a cohort's members and supervisors, to compare after a change."""
    if cohort.pk is None:
        return {"members": set(), "supervisors": set()}
    return {
        "members": set(cohort.members.values_list("pk", flat=True)),
        "supervisors": set(cohort.supervisors.values_list("pk", flat=True)),
    }


@transaction.atomic
def add_member(*, cohort: Cohort, user, actor) -> None:
    """Add a member to a cohort (audited)."""
    before = membership(cohort)
    cohort.members.add(user)
    record_membership_changes(cohort=cohort, actor=actor, before=before)


@transaction.atomic
def remove_member(*, cohort: Cohort, user, actor) -> None:
    """Remove a member from a cohort (audited). Their enrolment and progress stay."""
    before = membership(cohort)
    cohort.members.remove(user)
    record_membership_changes(cohort=cohort, actor=actor, before=before)


@transaction.atomic
def load_demo_cohort(*, cohort: Cohort, facilitator) -> None:
    """Demo departments (members split between two), a deadline for the first module
    and a facilitated session for the third. Idempotent: what exists is left alone."""
    members = list(cohort.members.order_by("username"))
    for index, name in enumerate(("Avrusning", "Poliklinikk")):
        department, _ = Department.objects.get_or_create(
            organisation=cohort.organisation, name=name
        )
        department.staff.add(*members[index::2])
    modules = list(cohort.programme.modules())
    if len(modules) < 3:
        return
    ModuleDeadline.objects.get_or_create(
        cohort=cohort,
        module=modules[0],
        defaults={"due_on": timezone.localdate() + datetime.timedelta(days=30)},
    )
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    Session.objects.get_or_create(
        cohort=cohort,
        title="Teoriundervisning: traumebevisst behandling",
        defaults={
            "module": modules[2],
            "starts_at": start + datetime.timedelta(days=7),
            "duration_minutes": 180,
            "place": "Storsalen, Loland",
            "facilitator": facilitator,
        },
    )
