"""Who may manage whom. Anything a person may not see is a 404, never a 403."""

from cms.roles import ADMINISTRATORS, PROGRAMME_LEADS


def role_names(user) -> set[str]:
    """The user's group names, looked up once per request (menus, reports and views all
    ask)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_praksis_groups"):
        user._praksis_groups = set(user.groups.values_list("name", flat=True))
    return user._praksis_groups


def is_administrator(user) -> bool:
    """Superusers and members of Administrators."""
    return user.is_authenticated and (user.is_superuser or ADMINISTRATORS in role_names(user))


def manages_enrolments(user) -> bool:
    """Programme leads and administrators enrol people and follow their progress."""
    return is_administrator(user) or PROGRAMME_LEADS in role_names(user)
