"""Who supervises whom, in which programme, for which period. Journal sharing, the
sign-off of practice hours and the grading of exams all ask it."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SupervisionQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        """Supervisions in force on ``on`` (today by default): started, and not yet ended."""
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=on)
        )

    def of(self, *, supervisor, learner=None, programme=None):
        qs = self.filter(supervisor=supervisor)
        if learner is not None:
            qs = qs.filter(learner=learner)
        if programme is not None:
            qs = qs.filter(programme=programme)
        return qs


class Supervision(models.Model):
    """A supervisor assigned to a learner for a programme, from one date to another
    (open-ended when ``ends_on`` is empty). Access to a learner's shared material and
    hours runs only while a supervision is active."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="supervisions",
        verbose_name=_("learner"),
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervisees",
        verbose_name=_("supervisor"),
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.PROTECT,
        related_name="supervisions",
        verbose_name=_("programme"),
    )
    starts_on = models.DateField(_("starts"), default=timezone.localdate)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SupervisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["supervisor", "learner"])]

    def __str__(self) -> str:
        return f"{self.supervisor} → {self.learner} ({self.programme})"

    def clean(self):
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date comes before the start date.")})
        if self.learner_id and self.learner_id == self.supervisor_id:
            raise ValidationError({"supervisor": _("A person cannot supervise themselves.")})


def supervising_anyone() -> models.Exists:
    """An annotation of users: whether they supervise anyone today (the menu's sign-off
    link), by ``SupervisionQuerySet.active``."""
    return models.Exists(Supervision.objects.active().filter(supervisor=models.OuterRef("pk")))
