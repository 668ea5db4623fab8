"""A leader's sign-off of a finished module (``courses.ModulePage.signoff``).

A request is opened when the learner has done what the module's completion rule asks;
it waits in the queue of the leaders of the learner's cohort (``cohort``; without one,
the programme's leads), who sign it off or return it with a comment. Each request is one
row, so a module returned and finished again keeps its history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.markdown import validate_markdown

COMMENT_LENGTH = 4000


class SignoffQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=ModuleSignoff.Status.WAITING)


class ModuleSignoff(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for a leader's sign-off")
        SIGNED_OFF = "signed-off", _("Signed off")
        RETURNED = "returned", _("Returned")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="module_signoffs",
        verbose_name=_("learner"),
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        on_delete=models.CASCADE,
        related_name="signoffs",
        verbose_name=_("module"),
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("programme"),
    )
    cohort = models.ForeignKey(
        "learners.Cohort",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signoffs",
        verbose_name=_("cohort"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    requested_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="module_signoffs_decided",
        verbose_name=_("decided by"),
    )
    comment = models.TextField(
        _("comment"), blank=True, max_length=COMMENT_LENGTH, validators=[validate_markdown]
    )

    objects = SignoffQuerySet.as_manager()

    class Meta:
        verbose_name = _("module sign-off")
        verbose_name_plural = _("module sign-offs")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "module"],
                condition=models.Q(status="waiting"),
                name="one_waiting_signoff",
            )
        ]
        indexes = [models.Index(fields=["status", "cohort"], name="signoff_status_cohort")]

    def __str__(self) -> str:
        return f"{self.learner} · {self.module} · {self.get_status_display()}"
