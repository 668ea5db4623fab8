"""The question bank and extra-time accommodations in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ExtraTime, Question


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
