"""Organisations, departments, cohorts and sessions in the Wagtail admin: leads see and
edit only the cohorts (and sessions) of their programmes, in every view (edit, delete,
copy, history, usage, inspect, chooser), by ``cms.admin_scope``."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.admin_scope import ScopedSnippetViewSet, scope_model

from . import access as cohorts
from .forms import CohortForm, SessionForm
from .models import Cohort, Department, Organisation, Session

scope_model(Organisation, cohorts.managed_organisations)
scope_model(Department, cohorts.managed_departments)
scope_model(Cohort, cohorts.managed_cohorts)
scope_model(Session, cohorts.managed_sessions)


class OrganisationViewSet(ScopedSnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("leaders")]


class DepartmentViewSet(ScopedSnippetViewSet):
    model = Department
    icon = "folder-open-inverse"
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    panels = [FieldPanel("organisation"), FieldPanel("name"), FieldPanel("staff")]


class CohortViewSet(ScopedSnippetViewSet):
    """Leads see and edit the cohorts of their programmes; administrators all."""

    model = Cohort
    icon = "user"
    list_display = ["name", "organisation", "programme", "lead"]
    list_filter = ["organisation"]
    search_fields = ["name"]
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


class SessionViewSet(ScopedSnippetViewSet):
    """Facilitated sessions of the cohorts a user manages; the register is on the site."""

    model = Session
    icon = "date"
    list_display = ["title", "cohort", "module", "starts_at", "facilitator"]
    list_filter = ["cohort"]
    search_fields = ["title"]
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


class PeopleGroup(SnippetViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "group"
    menu_order = 300
    items = (OrganisationViewSet, DepartmentViewSet, CohortViewSet, SessionViewSet)


register_snippet(PeopleGroup)
