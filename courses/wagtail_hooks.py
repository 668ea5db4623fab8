from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .tracks import CertificationTrack


class CertificationTrackViewSet(SnippetViewSet):
    model = CertificationTrack
    icon = "success"
    menu_label = _("Certification tracks")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["programme", "issuing", "validity_months", "renewal_hours"]

    def get_queryset(self, request):
        return CertificationTrack.objects.select_related("programme")


register_snippet(CertificationTrackViewSet)
