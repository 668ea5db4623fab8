"""Mentorships in the Wagtail admin, under *Mentorships*: administrators and the leads of
a programme assign a mentor to a learner, change and end it; every change is audited.
A lead sees and assigns only in the programmes they lead (``learners.practicum.access``)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView

from cms.admin_scope import ScopedAdminForm, ScopedSnippetViewSet, scope_model
from cms.audit import record
from learners.cohorts.models import Mentorship

from . import access

scope_model(Mentorship, access.managed_mentorships, audited=True)

FIELDS = ("learner_id", "mentor_id", "programme_id", "starts_on", "ends_on")


class MentorshipForm(ScopedAdminForm):
    """A lead assigns mentors in their programmes only, to people enrolled there, and
    never names themselves."""

    programme_paths = {"programme": "pk"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["mentor"].queryset = access.assignable_mentors(self.for_user)
            self.fields["learner"].queryset = access.mentorable_learners(self.for_user)


class MentorshipCreateView(CreateView):
    def save_instance(self):
        self.form.instance.assigned_by = self.request.user
        instance = super().save_instance()
        record(
            actor=self.request.user,
            action="mentorship.assigned",
            target=instance,
            learner=instance.learner_id,
            mentor=instance.mentor_id,
            programme=instance.programme_id,
        )
        return instance


class MentorshipEditView(EditView):
    def save_instance(self):
        before = Mentorship.objects.get(pk=self.object.pk)
        instance = super().save_instance()
        changes = {
            field: [str(getattr(before, field)), str(getattr(instance, field))]
            for field in FIELDS
            if getattr(before, field) != getattr(instance, field)
        }
        record(actor=self.request.user, action="mentorship.changed", target=instance, **changes)
        return instance


class MentorshipDeleteView(DeleteView):
    def delete_action(self):
        with transaction.atomic():
            record(
                actor=self.request.user,
                action="mentorship.deleted",
                target=self.object,
                learner=self.object.learner_id,
                mentor=self.object.mentor_id,
                programme=self.object.programme_id,
            )
            super().delete_action()


class MentorshipViewSet(ScopedSnippetViewSet):
    model = Mentorship
    icon = "group"
    menu_label = _("Mentorships")
    menu_order = 315
    add_to_admin_menu = True
    list_display = ["learner", "mentor", "programme", "starts_on", "ends_on"]
    list_filter = ["programme"]
    add_view_class = MentorshipCreateView
    edit_view_class = MentorshipEditView
    delete_view_class = MentorshipDeleteView
    edit_handler = ObjectList(
        [
            FieldPanel("learner"),
            FieldPanel("mentor"),
            FieldPanel("programme"),
            FieldPanel("starts_on"),
            FieldPanel("ends_on"),
        ],
        base_form_class=MentorshipForm,
    )


register_snippet(MentorshipViewSet)
