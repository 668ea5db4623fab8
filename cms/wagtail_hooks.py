from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton

from .access import is_administrator
from .admin_scope import AUDITED_ONE_BY_ONE
from .audit_views import may_see_audit_log
from .languages import visitor_language


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_audit_log(request.user)


@hooks.register("register_reports_menu_item")
def audit_log_menu_item():
    return AuditLogMenuItem(
        _("Audit log"),
        reverse("cms_audit:index"),
        name="audit-log",
        icon_name="history",
        order=1000,
    )


@hooks.register("register_user_listing_buttons")
def erase_person_button(user, request_user):
    """Administrators erase a person from the user list (``cms.privacy``)."""
    if not is_administrator(request_user) or user.pk == request_user.pk:
        return []
    return [
        ListingButton(
            _("Erase personal data"),
            reverse("privacy_erase", args=[user.pk]),
            priority=90,
        )
    ]


@hooks.register("register_account_menu_item")
def personal_data_menu_item(request):
    """Everyone finds the download of their own data under *Account* in the admin too."""
    return {
        "url": reverse("personal_data"),
        "label": _("Your data"),
        "help_text": _("Download everything Praksis holds about you."),
    }


@hooks.register("before_bulk_action")
def audited_models_are_deleted_one_by_one(request, action_type, objects, action):
    """Deleting a supervision or a programme lead writes the audit log; the bulk action
    would not, so it is refused for those models."""
    if action_type == "delete" and getattr(action, "model", None) in AUDITED_ONE_BY_ONE:
        raise PermissionDenied


@hooks.register("before_serve_page")
def read_the_page_in_the_readers_language(page, request, serve_args, serve_kwargs):
    """A page's address chooses which translation of it is shown (its prefix, for
    routing: ``cms.languages``); the interface around it is in the reader's own language
    (``visitor_language``), and the content keeps its own ``lang`` (``langs``). The
    middleware puts the thread's language back after the request."""
    language = visitor_language(request)
    translation.activate(language)
    request.LANGUAGE_CODE = language
