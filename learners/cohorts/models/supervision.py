"""Who supervises whom, in which programme, for which period. Journal sharing, the
sign-off of practice hours and the grading of exams all ask it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .assignment import Assignment, AssignmentQuerySet


class SupervisionQuerySet(AssignmentQuerySet):
    def of(self, *, supervisor, learner=None, programme=None):
        return self.of_assignee(supervisor, learner=learner, programme=programme)


class Supervision(Assignment):
    """A supervisor assigned to a learner for a programme (``Assignment``). Access to a
    learner's shared material and hours runs only while a supervision is active."""

    assignee_field = "supervisor"
    refuses_self = _("A person cannot supervise themselves.")

    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervisees",
        verbose_name=_("supervisor"),
    )

    objects = SupervisionQuerySet.as_manager()

    class Meta(Assignment.Meta):
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        indexes = [models.Index(fields=["supervisor", "learner"])]


def supervising_anyone() -> models.Exists:
    """An annotation of users: whether they supervise anyone today (the menu's sign-off
    link), by ``SupervisionQuerySet.active``."""
    return models.Exists(Supervision.objects.active().filter(supervisor=models.OuterRef("pk")))
