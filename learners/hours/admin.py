"""Practice categories, hours requirements, supervisions and supervisor profiles in the
Wagtail admin, under *Practice hours*."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from learners.cohorts.models import Supervision
from learners.hours.models import HoursRequirement, PracticeCategory, SupervisorProfile


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
