"""Attempts and their answers. An attempt carries a frozen copy of every question it
shows, so later edits to the bank never change it."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..routes import exam_url


class AttemptQuerySet(models.QuerySet):
    def passed(self):
        return self.filter(status=Attempt.Status.PASSED)

    def final(self):
        return self.filter(status__in=Attempt.FINAL)

    def expired(self, now=None):
        """Open attempts whose deadline has passed."""
        now = now or timezone.now()
        return self.filter(status=Attempt.Status.OPEN, deadline__lt=now)


class Attempt(models.Model):
    """One learner's try at one exam: open → submitted → passed or failed."""

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        SUBMITTED = "submitted", _("Awaiting grading")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    FINAL = (Status.PASSED, Status.FAILED)

    exam = models.ForeignKey(
        "assessments.ExamPage",
        on_delete=models.PROTECT,
        related_name="attempts",
        verbose_name=_("exam"),
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.PROTECT,
        related_name="exam_attempts",
        verbose_name=_("programme"),
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="exam_attempts",
        verbose_name=_("learner"),
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    extra_time_percent = models.PositiveSmallIntegerField(_("extra time (%)"), default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    auto_submitted = models.BooleanField(_("submitted automatically"), default=False)
    graded_at = models.DateTimeField(_("result final"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(
        _("maximum score"), max_digits=7, decimal_places=2, default=Decimal("0")
    )
    percent = models.DecimalField(
        _("percent"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    client_seq = models.BigIntegerField(
        default=0, help_text=_("Autosave counter: an older save never overwrites a newer one")
    )

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["exam", "learner", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["exam", "learner", "number"], name="attempt_number_once"
            ),
            models.UniqueConstraint(
                fields=["exam", "learner"],
                condition=Q(status="open"),
                name="one_open_attempt",
            ),
        ]
        indexes = [models.Index(fields=["learner", "exam", "status"])]

    def __str__(self) -> str:
        return f"{self.learner} · {self.exam} #{self.number}"

    def get_absolute_url(self) -> str:
        """The attempt's page: the questions while it is open, then the result."""
        return exam_url(self.exam, "attempt", attempt_id=self.pk)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL

    def is_past_deadline(self, now=None) -> bool:
        return self.deadline is not None and (now or timezone.now()) > self.deadline


class Answer(models.Model):
    """One question as shown in one attempt (``snapshot``) and what the learner gave
    (``response``). ``score`` stays empty until the answer is graded."""

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="answers", verbose_name=_("attempt")
    )
    question = models.ForeignKey(
        "assessments.Question",
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("question"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    snapshot = models.JSONField(_("question as shown"))
    response = models.JSONField(_("response"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("graded by"),
    )
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="question_once_per_attempt"
            )
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.position}"

    @property
    def kind(self) -> str:
        return self.snapshot["kind"]

    @property
    def points(self) -> Decimal:
        return Decimal(self.snapshot["points"])

    @property
    def is_essay(self) -> bool:
        return self.kind == "essay"

    @property
    def selected(self) -> list[str]:
        return list((self.response or {}).get("choices", []))

    @property
    def text(self) -> str:
        return (self.response or {}).get("text", "")

    @property
    def is_answered(self) -> bool:
        """Answered means something is on the learner's screen: a ticked choice or text
        that is not blank. Clearing an answer makes it unanswered again."""
        return bool(self.selected or self.text.strip())
