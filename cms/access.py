"""The access policy: the roles, and who leads which programme. Every room asks these
functions for the role part of its own predicates. Anything a person may not see is a
404, never a 403."""

from django.contrib.auth import get_user_model

ADMINISTRATORS = "Administrators"
PROGRAMME_LEADS = "Programme leads"
SUPERVISORS = "Supervisors"
LEARNERS = "Learners"
ORGANISATION_LEADERS = "Organisation leaders"
ROLES = (ADMINISTRATORS, PROGRAMME_LEADS, SUPERVISORS, LEARNERS, ORGANISATION_LEADERS)


def role_names(user) -> set[str]:
    """The user's group names, looked up once per request (menus, reports and views all
    ask); for the signed-in user of a request, the groups of ``ROLES`` they belong to,
    read with them (``cms.security.backends``)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_praksis_groups"):
        user._praksis_groups = set(user.groups.values_list("name", flat=True))
    return user._praksis_groups


def is_administrator(user) -> bool:
    """Superusers and members of Administrators."""
    return user.is_authenticated and (user.is_superuser or ADMINISTRATORS in role_names(user))


def led_programme_ids(user):
    """The ids of the programmes a person leads: they are in *Programme leads* and an
    administrator granted them the programme (``courses.ProgrammeLead``). Leading a cohort
    grants nothing. A lazy subquery, so callers filter with it
    (``programme__in=led_programme_ids(user)``) without an extra query.

    This is the one place that decides who leads a programme; every view, report, export,
    grading queue and admin viewset asks it. It reads the grants through the user's
    ``programme_leads`` relation, so the base layer imports no app."""
    users = get_user_model().objects
    if not user.is_authenticated or not user.is_active:
        return users.none().values_list("programme_leads__programme", flat=True)
    return users.filter(
        pk=user.pk, groups__name=PROGRAMME_LEADS, programme_leads__isnull=False
    ).values_list("programme_leads__programme", flat=True)


def leads_of(programmes):
    """The people who lead any of ``programmes`` (ids, pages or a subquery), by the rule
    of ``led_programme_ids`` read from the programme's side: active members of
    *Programme leads* an administrator granted one of them."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=PROGRAMME_LEADS,
            programme_leads__programme__in=programmes,
        )
        .distinct()
    )


def in_led_programmes(user, queryset, path: str = "programme"):
    """``queryset`` narrowed to what ``user`` may manage: everything for administrators,
    the rows whose ``path`` (a lookup to a programme, e.g. ``"cohort__programme"``) is a
    programme they lead for leads, nothing for anyone else. Every admin viewset, chooser
    and form choice field of programme-owned objects is limited by this."""
    if is_administrator(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(**{f"{path}__in": led_programme_ids(user)})


def leads_programme(user, programme) -> bool:
    """Whether ``user`` leads ``programme`` (a page or its id), by ``led_programme_ids``
    — whose first condition, membership of *Programme leads*, is asked of the roles the
    request has read already, so that for everyone else it costs no query."""
    programme_id = getattr(programme, "pk", programme)
    if programme_id is None or PROGRAMME_LEADS not in role_names(user):
        return False
    return programme_id in set(led_programme_ids(user))


def may_grant_leads(user) -> bool:
    """Only administrators make someone a programme's lead, or take it away."""
    return is_administrator(user)


def manages_programme(user, programme) -> bool:
    """Administrators, and the leads of ``programme``: they manage its enrolments,
    supervision, practice hours, question bank and reports."""
    # The lead check first: for a lead it is the only query.
    return leads_programme(user, programme) or is_administrator(user)


def manages_enrolments(user, programme) -> bool:
    """Administrators, and the leads of ``programme``, enrol people in it and withdraw
    them (``manages_programme``)."""
    return manages_programme(user, programme)
