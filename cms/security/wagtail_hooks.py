from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import second_factor


@hooks.register("register_account_menu_item")
def two_step_sign_in(request):
    """Staff find their two-step sign-in settings under *Account* in the admin."""
    if not second_factor.needs_second_factor(request.user):
        return None
    return {
        "url": reverse("two_factor"),
        "label": _("Two-step sign-in"),
        "help_text": _("Your authenticator app and recovery codes."),
    }
