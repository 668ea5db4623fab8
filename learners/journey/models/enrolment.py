"""Enrolments in programmes and per-module progress."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Enrolment.Status.WITHDRAWN)

    def of(self, learner):
        return self.filter(learner=learner)


class Enrolment(models.Model):
    """A learner taking a programme. Withdrawing keeps the record; re-enrolling restores
    it with its progress."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("learner"),
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("programme"),
    )
    cohort = models.ForeignKey(
        "learners.Cohort",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("cohort"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "programme"], name="one_enrolment_each")
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.programme}"


class ModuleProgress(models.Model):
    """Where one learner stands in one module. "Completed" (the module's completion rule
    is met) and "passed" (its exam is passed) are separate facts."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="module_progress",
        verbose_name=_("learner"),
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        on_delete=models.CASCADE,
        related_name="progress",
        verbose_name=_("module"),
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_viewed_at = models.DateTimeField(_("last viewed"), null=True, blank=True)
    content_note_seen_at = models.DateTimeField(_("content note read"), null=True, blank=True)
    marked_done_at = models.DateTimeField(_("marked done"), null=True, blank=True)
    passed_at = models.DateTimeField(_("passed"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    attended_at = models.DateTimeField(_("attended a session"), null=True, blank=True)
    signed_off_at = models.DateTimeField(_("signed off by a leader"), null=True, blank=True)
    skipped_prompts = models.JSONField(
        _("skipped reflections"),
        default=list,
        blank=True,
        help_text=_("Block ids of optional reflections the learner chose to skip"),
    )

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        constraints = [
            models.UniqueConstraint(fields=["learner", "module"], name="one_progress_each")
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.module}"
