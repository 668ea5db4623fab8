"""The question bank and extra-time accommodations in the Wagtail admin, and the hook
that serves an exam page's own addresses. A lead sees, chooses and edits only the
questions of their programmes and the extra time of people enrolled in them
(``assessments.services.access``); a change to a question's answer key and every
extra-time change are audited."""

from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSetGroup

from cms.access import is_administrator
from cms.admin_scope import ScopedAdminForm, ScopedSnippetViewSet, scope_model
from cms.audit import record

from .models import ExamPage, ExtraTime, Question
from .routes import serve_exam
from .services import access

scope_model(Question, access.managed_questions)
scope_model(ExtraTime, access.managed_extra_time, audited=True)


def answer_key(question: Question) -> dict:
    """What makes an answer right: the correct choices, the true/false answer, the
    accepted short answers and the points."""
    return {
        "correct": [
            block.value["text"] for block in question.choices if block.value.get("correct")
        ],
        "true_false": question.true_false_answer,
        "accepted": question.accepted_answers,
        "points": str(question.points),
    }


class QuestionForm(ScopedAdminForm):
    """A lead files a question in one of their programmes' banks; only administrators
    keep the shared bank (no programme)."""

    programme_paths = {"programme": "pk"}

    def clean(self):
        cleaned = super().clean()
        user = self.for_user
        if user is not None and not is_administrator(user) and not cleaned.get("programme"):
            self.add_error("programme", _t("Choose one of the programmes you lead."))
        return cleaned


class QuestionEditView(EditView):
    """A change to the answer key is written to the audit log with the old and new key,
    beside the revision, so a reviewer sees it."""

    def save_instance(self):
        before = answer_key(Question.objects.get(pk=self.object.pk))
        instance = super().save_instance()
        after = answer_key(instance)
        if before != after:
            record(
                actor=self.request.user,
                action="question.key_changed",
                target=instance,
                before=before,
                after=after,
            )
        return instance


class QuestionViewSet(ScopedSnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    list_display = ["__str__", "programme", "kind", "points", "updated_at"]
    list_filter = ["kind", "programme"]
    search_fields = ["text"]
    edit_view_class = QuestionEditView
    edit_handler = ObjectList(Question.panels, base_form_class=QuestionForm)


class ExtraTimeForm(ScopedAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["learner"].queryset = access.accommodated_learners(self.for_user).order_by(
                "last_name", "first_name", "username"
            )


class AuditedExtraTime:
    def save_instance(self):
        instance = super().save_instance()
        record(
            actor=self.request.user,
            action="extra_time.set",
            target=instance,
            learner=instance.learner_id,
            percent=instance.percent,
        )
        return instance


class ExtraTimeCreateView(AuditedExtraTime, CreateView):
    pass


class ExtraTimeEditView(AuditedExtraTime, EditView):
    pass


class ExtraTimeViewSet(ScopedSnippetViewSet):
    model = ExtraTime
    icon = "time"
    menu_label = _("Extra exam time")
    list_display = ["learner", "percent", "note"]
    add_view_class = ExtraTimeCreateView
    edit_view_class = ExtraTimeEditView
    edit_handler = ObjectList(ExtraTime.panels, base_form_class=ExtraTimeForm)


class AssessmentsGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, ExtraTimeViewSet)
    menu_icon = "tasks"
    menu_label = _("Exams")
    menu_name = "exams"


register_snippet(AssessmentsGroup)


@hooks.register("on_serve_page")
def serve_exam_pages(next_serve):
    """An exam page and the addresses below it are served by the views in
    ``assessments.urls``; every other page as usual. It wraps the serve step, after
    Wagtail's ``before_serve_page`` checks (privacy, passwords) have run."""

    def serve(page, request, args, kwargs):
        if isinstance(page, ExamPage):
            return serve_exam(request, page, kwargs.get("subpath", ""))
        return next_serve(page, request, args, kwargs)

    return serve
