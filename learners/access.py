"""Who may manage whom. Anything a person may not see is a 404, never a 403."""

from cms.roles import ADMINISTRATORS, PROGRAMME_LEADS


def manages_enrolments(user) -> bool:
    """Programme leads and administrators enrol people and follow their progress."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[PROGRAMME_LEADS, ADMINISTRATORS]).exists()
