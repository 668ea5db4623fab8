"""Organisations, departments, cohorts and sessions in the Wagtail admin: leads see and
edit only the cohorts (and sessions) of their programmes."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from . import access as cohorts
from .forms import CohortForm, SessionForm
from .models import Cohort, Department, Organisation, Session


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("leaders")]


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "folder-open-inverse"
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    panels = [FieldPanel("organisation"), FieldPanel("name"), FieldPanel("staff")]

    def get_queryset(self, request):
        return Department.objects.select_related("organisation")


class ManagedCohortsOnly:
    """Edit and delete find the object among the cohorts the user manages, so another
    programme's cohort is a 404 even by its URL."""

    def get_queryset(self):
        return cohorts.managed_cohorts(self.request.user)


class CohortEditView(ManagedCohortsOnly, EditView):
    pass


class CohortDeleteView(ManagedCohortsOnly, DeleteView):
    pass


class CohortViewSet(SnippetViewSet):
    """Leads see and edit the cohorts of their programmes; administrators all."""

    model = Cohort
    icon = "user"
    list_display = ["name", "organisation", "programme", "lead"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    edit_view_class = CohortEditView
    delete_view_class = CohortDeleteView
    edit_handler = ObjectList(
        [
            FieldPanel("organisation"),
            FieldPanel("programme"),
            FieldPanel("name"),
            FieldPanel("lead"),
            FieldPanel("members"),
            FieldPanel("supervisors"),
            InlinePanel("deadlines", heading=_("Module deadlines"), label=_("Deadline")),
        ],
        base_form_class=CohortForm,
    )

    def get_queryset(self, request):
        return cohorts.managed_cohorts(request.user).select_related(
            "organisation", "programme", "lead"
        )


class ManagedSessionsOnly:
    def get_queryset(self):
        return Session.objects.filter(cohort__in=cohorts.managed_cohorts(self.request.user))


class SessionEditView(ManagedSessionsOnly, EditView):
    pass


class SessionDeleteView(ManagedSessionsOnly, DeleteView):
    pass


class SessionViewSet(SnippetViewSet):
    """Facilitated sessions of the cohorts a user manages; the register is on the site."""

    model = Session
    icon = "date"
    list_display = ["title", "cohort", "module", "starts_at", "facilitator"]
    list_filter = ["cohort"]
    search_fields = ["title"]
    edit_view_class = SessionEditView
    delete_view_class = SessionDeleteView
    edit_handler = ObjectList(
        [
            FieldPanel("cohort"),
            FieldPanel("module"),
            FieldPanel("title"),
            FieldPanel("starts_at"),
            FieldPanel("duration_minutes"),
            FieldPanel("place"),
            FieldPanel("online_url"),
            FieldPanel("facilitator"),
            FieldPanel("description"),
        ],
        base_form_class=SessionForm,
    )

    def get_queryset(self, request):
        return Session.objects.filter(
            cohort__in=cohorts.managed_cohorts(request.user)
        ).select_related("cohort__organisation", "module", "facilitator")


class PeopleGroup(SnippetViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "group"
    menu_order = 300
    items = (OrganisationViewSet, DepartmentViewSet, CohortViewSet, SessionViewSet)


register_snippet(PeopleGroup)
