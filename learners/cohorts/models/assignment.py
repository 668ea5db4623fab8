"""A person assigned to a learner for a programme for a period: the shape a supervision
and a mentorship share, with the one rule of when an assignment is in force."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AssignmentQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        """Assignments in force on ``on`` (today by default): started, and not yet ended."""
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=on)
        )

    def of_assignee(self, assignee, *, learner=None, programme=None):
        """The assignments of ``assignee`` (the supervisor, the mentor), narrowed to a
        learner and a programme when given."""
        qs = self.filter(**{self.model.assignee_field: assignee})
        if learner is not None:
            qs = qs.filter(learner=learner)
        if programme is not None:
            qs = qs.filter(programme=programme)
        return qs


class Assignment(models.Model):
    """Someone (``assignee_field`` names who) assigned to a learner for a programme, from
    one date to another (open-ended when ``ends_on`` is empty), by an administrator or a
    lead. Whatever it grants runs only while it is active."""

    assignee_field: str  # the subclass's foreign key to the assigned person
    refuses_self: str  # the message when the learner is assigned to themselves

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
        verbose_name=_("learner"),
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.PROTECT,
        related_name="%(class)ss",
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

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{getattr(self, self.assignee_field)} → {self.learner} ({self.programme})"

    def clean(self):
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date comes before the start date.")})
        assignee_id = getattr(self, f"{self.assignee_field}_id")
        if self.learner_id and self.learner_id == assignee_id:
            raise ValidationError({self.assignee_field: self.refuses_self})
