from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

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
