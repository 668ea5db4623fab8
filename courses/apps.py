from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .content import handlers


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        # Programme and module pages are the first content handler: exams sit under them.
        from .content.pages import PageHandler

        handlers.register(PageHandler())
        # Who leads which programme (cms.privacy).
        from . import privacy

        privacy.register_handlers()
