from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_scope import AUDITED_ONE_BY_ONE
from .audit_views import may_see_audit_log


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


@hooks.register("before_bulk_action")
def audited_models_are_deleted_one_by_one(request, action_type, objects, action):
    """Deleting a supervision or a programme lead writes the audit log; the bulk action
    would not, so it is refused for those models."""
    if action_type == "delete" and getattr(action, "model", None) in AUDITED_ONE_BY_ONE:
        raise PermissionDenied
