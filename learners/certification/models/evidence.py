"""What a learner shows for a track's requirements besides the platform's own records:
attestations an administrator confirms, declarations the learner signs, and education
taken elsewhere."""

import datetime
import hashlib
import json
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.private_files import private_storage
from cms.uploads import UploadValidator

from .files import private_upload_to

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def validate_evidence_size(file) -> None:
    """Kept for migration 0006; attestations now use ``cms.uploads.UploadValidator``."""
    if file.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("The evidence file is larger than 10 MB."), code="too_large")


def evidence_upload_to(instance, filename):
    return private_upload_to("attestations")(instance, filename)


def declaration_upload_to(instance, filename):
    return private_upload_to("declarations")(instance, filename)


def external_education_upload_to(instance, filename):
    return private_upload_to("external-education")(instance, filename)


class Attestation(models.Model):
    """An administrator confirms that a learner meets a track's attestation requirement
    (e.g. two years in recovery, a relevant degree), with the evidence they saw."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="attestations",
        verbose_name=_("learner"),
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="attestations",
        verbose_name=_("programme"),
    )
    key = models.SlugField(_("requirement"), max_length=100)
    evidence = models.FileField(
        _("evidence"),
        upload_to=evidence_upload_to,
        storage=private_storage,
        validators=[UploadValidator()],
    )
    note = models.TextField(_("note"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), default=timezone.now)

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "programme", "key"], name="one_attestation_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.key}"


class Declaration(models.Model):
    """A learner's signed declaration for a track requirement (``kind: declaration``):
    what they declare ("in recovery since …", "I follow the code of ethics"), optional
    evidence, and an e-signature like the supervisors' (password re-entered, UTC time,
    SHA-256 of the signed content). Where the track asks for it, a supervisor or an
    administrator confirms it. A declaration marked ``health`` is special-category data:
    only the learner, the confirming supervisor and administrators see its text and
    evidence (``learners.certification.declarations.may_see``)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="declarations",
        verbose_name=_("learner"),
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="declarations",
        verbose_name=_("programme"),
    )
    key = models.SlugField(_("requirement"), max_length=100)
    statement = models.CharField(_("what the track asks"), max_length=255)
    detail = models.TextField(_("what the learner declares"), max_length=2000, blank=True)
    evidence = models.FileField(
        _("evidence"),
        upload_to=declaration_upload_to,
        storage=private_storage,
        blank=True,
        validators=[UploadValidator()],
    )
    health = models.BooleanField(_("health data"), default=False)
    confirmation = models.CharField(_("confirmed by"), max_length=16, default="none")
    signed_at = models.DateTimeField(_("signed"))
    content_sha256 = models.CharField(_("SHA-256 of the declaration"), max_length=64)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    erased_at = models.DateTimeField(_("text and evidence erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "programme", "key"], name="one_declaration_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} · {self.key}"

    def canonical_content(self) -> dict:
        """What the learner signed: who, which requirement and its wording, what they
        declared, a digest of the evidence, and when (UTC)."""
        evidence = ""
        if self.evidence:
            with self.evidence.open("rb") as file:
                evidence = hashlib.sha256(file.read()).hexdigest()
        return {
            "learner": self.learner_id,
            "programme": self.programme_id,
            "key": self.key,
            "statement": self.statement,
            "detail": self.detail,
            "evidence_sha256": evidence,
            "signed_at": self.signed_at.astimezone(datetime.UTC).isoformat(),
        }

    def content_hash(self) -> str:
        canonical = json.dumps(
            self.canonical_content(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def needs_confirmation(self) -> bool:
        return self.confirmation != "none"

    @property
    def met(self) -> bool:
        return not self.needs_confirmation or self.confirmed_at is not None


class ExternalEducation(models.Model):
    """A course the learner took elsewhere (provider, date, hours, topics, face-to-face or
    online, optional evidence). Once a supervisor or an administrator approves it, its
    hours count as education in its topics and as continuing education for renewal."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="external_education",
        verbose_name=_("learner"),
    )
    provider = models.CharField(_("provider"), max_length=200)
    title = models.CharField(_("course"), max_length=255)
    date = models.DateField(_("date completed"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal(1000))],
    )
    topics = models.CharField(
        _("topics"),
        max_length=255,
        help_text=_("Topic keys, separated by commas (e.g. etikk, hiv)"),
    )
    face_to_face = models.BooleanField(_("face to face"), default=True)
    evidence = models.FileField(
        _("evidence"),
        upload_to=external_education_upload_to,
        storage=private_storage,
        blank=True,
        validators=[UploadValidator()],
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("external education")
        verbose_name_plural = _("external education")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.provider}: {self.title} ({self.hours} h)"

    @property
    def topic_list(self) -> list[str]:
        return [topic.strip() for topic in self.topics.split(",") if topic.strip()]
