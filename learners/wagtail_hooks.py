from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from . import cohorts
from .access import is_administrator
from .admin_forms import CohortForm, SessionForm
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


# --- Supervised practice hours ----------------------------------------------------------

from django.urls import reverse  # noqa: E402
from wagtail import hooks  # noqa: E402
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem  # noqa: E402

from .models import (  # noqa: E402
    HoursRequirement,
    PracticeCategory,
    Supervision,
    SupervisorProfile,
)


class PracticeCategoryViewSet(SnippetViewSet):
    model = PracticeCategory
    icon = "list-ul"
    menu_label = _("Practice categories")
    list_display = ["name", "programme", "required_hours", "is_supervision", "active"]
    list_filter = ["programme", "active"]
    search_fields = ["name"]
    panels = [
        FieldPanel("programme"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("required_hours"),
        FieldPanel("is_supervision"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]

    def get_queryset(self, request):
        return PracticeCategory.objects.select_related("programme")


class HoursRequirementViewSet(SnippetViewSet):
    model = HoursRequirement
    icon = "time"
    menu_label = _("Hours requirements")
    list_display = ["programme", "total_hours", "practice_hours_per_supervision_hour"]
    panels = [
        FieldPanel("programme"),
        FieldPanel("total_hours"),
        FieldPanel("practice_hours_per_supervision_hour"),
    ]

    def get_queryset(self, request):
        return HoursRequirement.objects.select_related("programme")


class SupervisionViewSet(SnippetViewSet):
    model = Supervision
    icon = "user"
    menu_label = _("Supervisions")
    list_display = ["learner", "supervisor", "programme", "starts_on", "ends_on"]
    list_filter = ["programme"]
    panels = [
        FieldPanel("learner"),
        FieldPanel("supervisor"),
        FieldPanel("programme"),
        FieldPanel("starts_on"),
        FieldPanel("ends_on"),
    ]

    def get_queryset(self, request):
        return Supervision.objects.select_related("learner", "supervisor", "programme")


class SupervisorProfileViewSet(SnippetViewSet):
    model = SupervisorProfile
    icon = "user"
    menu_label = _("Supervisor profiles")
    list_display = ["user", "credential", "licence_number"]
    search_fields = ["credential", "licence_number"]
    panels = [FieldPanel("user"), FieldPanel("credential"), FieldPanel("licence_number")]


class PracticeHoursGroup(SnippetViewSetGroup):
    menu_label = _("Practice hours")
    menu_icon = "time"
    menu_order = 310
    items = (
        PracticeCategoryViewSet,
        HoursRequirementViewSet,
        SupervisionViewSet,
        SupervisorProfileViewSet,
    )


register_snippet(PracticeHoursGroup)


@hooks.register("after_create_snippet")
def remember_who_assigned_a_supervision(request, instance):
    if isinstance(instance, Supervision) and instance.assigned_by_id is None:
        instance.assigned_by = request.user
        instance.save(update_fields=["assigned_by"])


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
