from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Cohort, Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug")]


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "user"
    list_display = ["name", "organisation", "programme", "lead"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    panels = [
        FieldPanel("organisation"),
        FieldPanel("programme"),
        FieldPanel("name"),
        FieldPanel("lead"),
        FieldPanel("members"),
        FieldPanel("supervisors"),
    ]

    def get_queryset(self, request):
        return Cohort.objects.select_related("organisation", "programme", "lead")


class PeopleGroup(SnippetViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "group"
    menu_order = 300
    items = (OrganisationViewSet, CohortViewSet)


register_snippet(PeopleGroup)
