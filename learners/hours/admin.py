"""Practice categories, hours requirements, supervisions and supervisor profiles in the
Wagtail admin, under *Practice hours*. Every view, chooser and choice field shows a lead
only their programmes' objects (``learners.hours.access``); supervisor profiles are kept
by administrators, never by the supervisor themselves."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSetGroup

from cms.admin_scope import ScopedAdminForm, ScopedSnippetViewSet, scope_model
from cms.audit import record
from learners.cohorts.models import Supervision
from learners.hours.models import HoursRequirement, PracticeCategory, SupervisorProfile

from . import access

scope_model(PracticeCategory, access.managed_categories)
scope_model(HoursRequirement, access.managed_requirements)
scope_model(Supervision, access.managed_supervisions, audited=True)
scope_model(SupervisorProfile, access.managed_profiles, audited=True)


class ProgrammeForm(ScopedAdminForm):
    programme_paths = {"programme": "pk"}


class SupervisionForm(ScopedAdminForm):
    """A lead assigns supervisors in their programmes only, to people enrolled there, and
    never names themselves."""

    programme_paths = {"programme": "pk"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["supervisor"].queryset = access.assignable_supervisors(self.for_user)
            self.fields["learner"].queryset = access.supervisable_learners(self.for_user)


class SupervisorProfileForm(ScopedAdminForm):
    """Administrators keep credentials, for anyone but themselves."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "user" in self.fields:
            self.fields["user"].queryset = self.fields["user"].queryset.exclude(pk=self.for_user.pk)


class PracticeCategoryViewSet(ScopedSnippetViewSet):
    model = PracticeCategory
    icon = "list-ul"
    menu_label = _("Practice categories")
    list_display = ["name", "programme", "required_hours", "is_supervision", "active"]
    list_filter = ["programme", "active"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("programme"),
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("description"),
            FieldPanel("required_hours"),
            FieldPanel("is_supervision"),
            FieldPanel("sort_order"),
            FieldPanel("active"),
        ],
        base_form_class=ProgrammeForm,
    )


class HoursRequirementViewSet(ScopedSnippetViewSet):
    model = HoursRequirement
    icon = "time"
    menu_label = _("Hours requirements")
    list_display = ["programme", "total_hours", "practice_hours_per_supervision_hour"]
    edit_handler = ObjectList(
        [
            FieldPanel("programme"),
            FieldPanel("total_hours"),
            FieldPanel("practice_hours_per_supervision_hour"),
        ],
        base_form_class=ProgrammeForm,
    )


class SupervisionCreateView(CreateView):
    def save_instance(self):
        self.form.instance.assigned_by = self.request.user
        instance = super().save_instance()
        record(
            actor=self.request.user,
            action="supervision.assigned",
            target=instance,
            learner=instance.learner_id,
            supervisor=instance.supervisor_id,
            programme=instance.programme_id,
        )
        return instance


class SupervisionEditView(EditView):
    def save_instance(self):
        before = Supervision.objects.get(pk=self.object.pk)
        instance = super().save_instance()
        changes = {
            field: [str(getattr(before, field)), str(getattr(instance, field))]
            for field in ("learner_id", "supervisor_id", "programme_id", "starts_on", "ends_on")
            if getattr(before, field) != getattr(instance, field)
        }
        record(actor=self.request.user, action="supervision.changed", target=instance, **changes)
        return instance


class SupervisionDeleteView(DeleteView):
    def delete_action(self):
        with transaction.atomic():
            record(
                actor=self.request.user,
                action="supervision.deleted",
                target=self.object,
                learner=self.object.learner_id,
                supervisor=self.object.supervisor_id,
                programme=self.object.programme_id,
            )
            super().delete_action()


class SupervisionViewSet(ScopedSnippetViewSet):
    model = Supervision
    icon = "user"
    menu_label = _("Supervisions")
    list_display = ["learner", "supervisor", "programme", "starts_on", "ends_on"]
    list_filter = ["programme"]
    add_view_class = SupervisionCreateView
    edit_view_class = SupervisionEditView
    delete_view_class = SupervisionDeleteView
    edit_handler = ObjectList(
        [
            FieldPanel("learner"),
            FieldPanel("supervisor"),
            FieldPanel("programme"),
            FieldPanel("starts_on"),
            FieldPanel("ends_on"),
        ],
        base_form_class=SupervisionForm,
    )


class SupervisorProfileEditView(EditView):
    def save_instance(self):
        before = SupervisorProfile.objects.get(pk=self.object.pk)
        instance = super().save_instance()
        record(
            actor=self.request.user,
            action="supervisor_profile.changed",
            target=instance,
            user=instance.user_id,
            credential=[before.credential, instance.credential],
            licence_number=[before.licence_number, instance.licence_number],
        )
        return instance


class SupervisorProfileCreateView(CreateView):
    def save_instance(self):
        instance = super().save_instance()
        record(
            actor=self.request.user,
            action="supervisor_profile.created",
            target=instance,
            user=instance.user_id,
            credential=instance.credential,
            licence_number=instance.licence_number,
        )
        return instance


class SupervisorProfileViewSet(ScopedSnippetViewSet):
    model = SupervisorProfile
    icon = "user"
    menu_label = _("Supervisor profiles")
    list_display = ["user", "credential", "licence_number"]
    search_fields = ["credential", "licence_number"]
    add_view_class = SupervisorProfileCreateView
    edit_view_class = SupervisorProfileEditView
    edit_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("credential"), FieldPanel("licence_number")],
        base_form_class=SupervisorProfileForm,
    )


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
