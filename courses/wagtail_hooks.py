"""Certification tracks and programme leads in the Wagtail admin. Only administrators
grant and revoke programme leadership (``cms.access.may_grant_leads``), one by one, and
every grant and revocation is audited."""

from django.db import transaction
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.signals import copy_for_translation_done
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView

from cms.access import in_led_programmes, may_grant_leads
from cms.admin_scope import ScopedSnippetViewSet, scope_model
from cms.audit import record

from .leads import ProgrammeLead
from .tracks import CertificationTrack
from .translation import mark_synced
from .translation_views import (
    OutOfDateTranslationsView,
    mark_up_to_date,
    may_see_translation_report,
)


def grants_kept_by(user):
    """Every grant for administrators; nothing for anyone else."""
    grants = ProgrammeLead.objects.select_related("user", "programme", "granted_by")
    return grants if may_grant_leads(user) else grants.none()


def tracks_kept_by(user):
    """Certification tracks of the programmes a person leads (only administrators hold
    the model permissions)."""
    return in_led_programmes(user, CertificationTrack.objects.select_related("programme"))


scope_model(ProgrammeLead, grants_kept_by, audited=True)
scope_model(CertificationTrack, tracks_kept_by)


class CertificationTrackViewSet(ScopedSnippetViewSet):
    model = CertificationTrack
    icon = "success"
    menu_label = _("Certification tracks")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["programme", "name", "issuing", "validity_months", "renewal_hours"]


def _record(request, action: str, grant: ProgrammeLead) -> None:
    record(
        actor=request.user,
        action=action,
        target=grant.programme,
        user=grant.user_id,
        username=grant.user.get_username(),
    )


class GrantView(CreateView):
    def save_instance(self):
        self.form.instance.granted_by = self.request.user
        grant = super().save_instance()
        _record(self.request, "programme_lead.granted", grant)
        return grant


class ChangeGrantView(EditView):
    """Changing a grant is revoking the old one and granting the new one."""

    def save_instance(self):
        before = ProgrammeLead.objects.select_related("user", "programme").get(pk=self.object.pk)
        self.form.instance.granted_by = self.request.user
        grant = super().save_instance()
        _record(self.request, "programme_lead.revoked", before)
        _record(self.request, "programme_lead.granted", grant)
        return grant


class RevokeView(DeleteView):
    def delete_action(self):
        with transaction.atomic():
            _record(self.request, "programme_lead.revoked", self.object)
            super().delete_action()


class ProgrammeLeadViewSet(ScopedSnippetViewSet):
    model = ProgrammeLead
    icon = "crosshairs"
    menu_label = _("Programme leads")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["user", "programme", "granted_by", "granted_at"]
    list_filter = ["programme"]
    add_view_class = GrantView
    edit_view_class = ChangeGrantView
    delete_view_class = RevokeView


register_snippet(CertificationTrackViewSet)
register_snippet(ProgrammeLeadViewSet)


# --- translations -------------------------------------------------------------------------


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_translation_report(request.user)


@hooks.register("register_reports_menu_item")
def stale_translations_menu_item():
    return TranslationReportMenuItem(
        _("Out-of-date translations"),
        reverse("courses_translations:stale"),
        name="out-of-date-translations",
        icon_name="globe",
        order=900,
    )


@hooks.register("register_admin_urls")
def translation_report_urls():
    urls = [
        path("", never_cache(OutOfDateTranslationsView.as_view()), name="stale"),
        path("<int:page_id>/synced/", mark_up_to_date, name="synced"),
    ]
    return [path("translations/", include((urls, "courses_translations")))]


def _translated_in_admin(sender, source_obj, target_obj, **kwargs):
    """A page translated in the admin (simple_translation) is made from its source's
    live revision."""
    if hasattr(source_obj, "live_revision_id") and hasattr(target_obj, "depth"):
        mark_synced(target_obj, source_obj)


copy_for_translation_done.connect(_translated_in_admin, dispatch_uid="courses.translation_sync")
