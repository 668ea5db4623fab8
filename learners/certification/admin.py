"""The certificate pages in the Wagtail admin menu, shown to administrators only."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from cms.access import is_administrator


class AdministratorMenuItem(MenuItem):
    """A link to a site page that only administrators may open."""

    def is_shown(self, request):
        return is_administrator(request.user)


@hooks.register("register_admin_menu_item")
def certificates_menu():
    items = [
        AdministratorMenuItem(
            _("Issue and revoke"), reverse("learners:certificates-manage"), icon_name="doc-full"
        ),
        AdministratorMenuItem(
            _("Attestations"), reverse("learners:certificates-attest"), icon_name="tick"
        ),
        AdministratorMenuItem(
            _("Bulk export"), reverse("learners:certificates-exports"), icon_name="download"
        ),
    ]
    return SubmenuMenuItem(_("Certificates"), Menu(items=items), icon_name="doc-full", order=400)
