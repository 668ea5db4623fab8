from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnersConfig(AppConfig):
    name = "learners"
    verbose_name = _("Learners")

    def ready(self):
        from assessments.signals import attempt_graded

        from .journey.receivers import exam_graded, exam_graded_for_certification

        attempt_graded.connect(exam_graded, dispatch_uid="learners.exam_graded")
        attempt_graded.connect(
            exam_graded_for_certification, dispatch_uid="learners.exam_graded_for_certification"
        )
