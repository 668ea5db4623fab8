"""The question bank and extra-time accommodations in the Wagtail admin, and the hook
that serves an exam page's own addresses."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ExamPage, ExtraTime, Question
from .routes import serve_exam


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    list_display = ["__str__", "kind", "points", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["text"]

    def get_queryset(self, request):
        return Question.objects.all()


class ExtraTimeViewSet(SnippetViewSet):
    model = ExtraTime
    icon = "time"
    menu_label = _("Extra exam time")
    list_display = ["learner", "percent", "note"]

    def get_queryset(self, request):
        return ExtraTime.objects.select_related("learner")


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
