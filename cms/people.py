"""Finding a person by what someone typed."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _


class PersonNotFound(LookupError):
    """Raised with a sentence a person can read: no one, or more than one, matched."""


def find_person(identifier: str):
    """The one active user whose username is ``identifier`` or whose e-mail address is
    ``identifier`` (case-insensitive). Nobody, or more than one match, raises
    ``PersonNotFound`` saying which."""
    identifier = (identifier or "").strip()
    users = get_user_model().objects.filter(
        Q(email__iexact=identifier) | Q(username=identifier), is_active=True
    )[:2]
    users = list(users) if identifier else []
    if not users:
        raise PersonNotFound(_("No active user with this e-mail or username."))
    if len(users) > 1:
        raise PersonNotFound(_("More than one user matches; use the username."))
    return users[0]
