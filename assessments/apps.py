from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from courses.content import handlers


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        # Exams in content/ are loaded and exported through the courses app's registry.
        from . import privacy
        from .content.pages import ExamHandler

        handlers.register(ExamHandler())
        privacy.register_handlers()
