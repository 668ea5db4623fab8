"""A cohort's shared team documents and their revisions, and its record of consultations
and NMT assessments.

A cohort keeps at most one document of each kind. Every save is a new revision (numbered
1, 2, 3 … with its author and time); a cohort leader approves the latest revision, which
then carries the document's next version number ("Version 3, approved 30.11.2026 by …").
Saving after an approval starts a new draft; the approved version stays shown until the
next approval."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.markdown import MAX_LENGTH, validate_markdown


class TeamDocument(models.Model):
    class Kind(models.TextChoices):
        IMPLEMENTATION_ANALYSIS = "implementation-analysis", _("Implementation analysis")
        WORKPLACE_PROTOCOL = "workplace-protocol", _("Workplace protocol")
        VISION_AND_MISSION = "vision-and-mission", _("Vision and mission")
        IMPLEMENTATION_PLAN = "implementation-plan", _("Implementation plan")

    cohort = models.ForeignKey(
        "learners.Cohort",
        on_delete=models.CASCADE,
        related_name="team_documents",
        verbose_name=_("cohort"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    revisions = models.PositiveIntegerField(
        _("revisions"), default=0, help_text=_("The number of the latest revision")
    )
    latest = models.ForeignKey(
        "DocumentRevision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("latest revision"),
    )
    approved = models.ForeignKey(
        "DocumentRevision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved revision"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("team document")
        verbose_name_plural = _("team documents")
        ordering = ["cohort", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "kind"], name="one_team_document_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.cohort}"

    @property
    def is_draft(self) -> bool:
        """A revision newer than the approved one (or nothing approved yet) is a draft."""
        return self.latest_id is not None and self.latest_id != self.approved_id


class DocumentRevision(models.Model):
    """One save of a team document: Markdown, who saved it and when; approved ones carry
    the version number and who approved them."""

    document = models.ForeignKey(
        TeamDocument,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("team document"),
    )
    number = models.PositiveIntegerField(_("revision"))
    text = models.TextField(_("text"), max_length=MAX_LENGTH, validators=[validate_markdown])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="document_revisions",
        verbose_name=_("author"),
    )
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_document_revisions",
        verbose_name=_("approved by"),
    )

    class Meta:
        verbose_name = _("team document revision")
        verbose_name_plural = _("team document revisions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_revision_number"),
            models.UniqueConstraint(fields=["document", "version"], name="one_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.document} · {self.number}"


class Consultation(models.Model):
    """A consultation or an NMT assessment the cohort took part in (AvHoldt steps 5–6):
    when, what kind, which members, the external consultant or resource person, and what
    was learnt or agreed — never anything that identifies a client."""

    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("Consultation")
        NMT_ASSESSMENT = "nmt-assessment", _("NMT assessment")
        FOLLOW_UP = "follow-up", _("Follow-up")

    cohort = models.ForeignKey(
        "learners.Cohort",
        on_delete=models.CASCADE,
        related_name="consultations",
        verbose_name=_("cohort"),
    )
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="consultations",
        verbose_name=_("who took part"),
    )
    consultant = models.CharField(
        _("external consultant or resource person"), max_length=200, blank=True
    )
    notes = models.TextField(
        _("what was learnt or agreed"), max_length=MAX_LENGTH, validators=[validate_markdown]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="consultations_recorded",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("consultation or assessment")
        verbose_name_plural = _("consultations and assessments")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["cohort", "-held_on"], name="consultation_cohort_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.held_on} · {self.cohort}"
