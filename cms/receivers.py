"""Base-layer signal receivers, connected in ``CmsConfig.ready()``."""

from .text import clean_name

NAME_FIELDS = ("first_name", "last_name")


def clean_user_names(sender, instance, **kwargs) -> None:
    """Every way a user is saved (admin, sign-up, import, shell) stores names without
    hidden characters, so ``get_full_name()`` and everything copied from it (certificates,
    exports, lists) shows what it says."""
    for name in NAME_FIELDS:
        value = getattr(instance, name, None)
        if isinstance(value, str):
            setattr(instance, name, clean_name(value))
