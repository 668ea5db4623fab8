"""Who mentors whom, in which programme, for which period. A mentor is a volunteer
co-facilitator (SMART Recovery's facilitators are volunteers), not a clinical supervisor:
they hold no supervisor profile, sign no practice hours and read no shared journal. They
confirm the practicum meetings their mentee logs (``learners.practicum``) and may grade
their mentee's essays (``assessments.services.access``)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MentorshipQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        """Mentorships in force on ``on`` (today by default): started, and not yet ended."""
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=on)
        )

    def of(self, *, mentor, learner=None, programme=None):
        qs = self.filter(mentor=mentor)
        if learner is not None:
            qs = qs.filter(learner=learner)
        if programme is not None:
            qs = qs.filter(programme=programme)
        return qs


class Mentorship(models.Model):
    """A mentor assigned to a learner for a programme by an administrator or the
    programme's lead, from one date to another (open-ended when ``ends_on`` is empty).
    The mentor confirms the learner's practicum only while the mentorship is active."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentorships",
        verbose_name=_("learner"),
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentees",
        verbose_name=_("mentor"),
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.PROTECT,
        related_name="mentorships",
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

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["mentor", "learner"])]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.learner} ({self.programme})"

    def clean(self):
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date comes before the start date.")})
        if self.learner_id and self.learner_id == self.mentor_id:
            raise ValidationError({"mentor": _("A person cannot mentor themselves.")})
