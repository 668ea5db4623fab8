"""The admin's *Out-of-date translations* report: every translated page whose source has
a newer published revision than the one it was made from, for the programmes the person
leads (administrators: all). Marking a translation up to date is audited. Anyone else
gets a 404, as with every lead view (``cms.access``)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from cms.access import PROGRAMME_LEADS, is_administrator, led_programme_ids, role_names
from cms.audit import record

from .translation import TranslationSync, mark_synced, stale_translations


def may_see_translation_report(user) -> bool:
    """Administrators and programme leads (each sees their own programmes' pages)."""
    return is_administrator(user) or PROGRAMME_LEADS in role_names(user)


def stale_for(user):
    """The out-of-date translations ``user`` may see: all for administrators, those of
    the programmes they lead for leads."""
    if is_administrator(user):
        return stale_translations()
    return stale_translations(led_programme_ids(user))


class OutOfDateTranslationsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/admin/stale_translations.html"
    page_title = _("Out-of-date translations")
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_translation_report(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = list(stale_for(self.request.user).select_related("source_revision"))
        return context


@require_POST
def mark_up_to_date(request, page_id: int):
    """The translation now says what its source's live revision says."""
    sync = get_object_or_404(stale_for(request.user), page_id=page_id)
    source = Page.objects.get(pk=sync.source_id)
    mark_synced(sync.page, source)
    record(
        actor=request.user,
        action="translation.synced",
        target=sync.page,
        source=source.pk,
        source_revision=source.live_revision_id,
    )
    messages.success(request, _t("“%(title)s” is marked up to date.") % {"title": sync.page.title})
    return redirect("courses_translations:stale")


__all__ = ["OutOfDateTranslationsView", "TranslationSync", "mark_up_to_date"]
