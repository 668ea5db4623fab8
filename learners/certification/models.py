"""Certificates and what leads to them: attestations an administrator confirms, the
learner's last evaluated standing against a track, issued certificates, and bulk exports.

The rules live in ``learners/eligibility.py`` and ``learners/certificates.py``.
"""

import datetime
import hashlib
import json
import secrets
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.links import absolute_url
from cms.private_files import private_storage
from cms.uploads import UploadValidator

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# One Bitstring Status List holds 131,072 entries (16 KiB), the minimum the
# specification asks for so that a list says little about any one holder.
STATUS_LIST_SIZE = 131_072


def validate_evidence_size(file) -> None:
    """Kept for migration 0006; the field now uses ``cms.uploads.UploadValidator``."""
    if file.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("The evidence file is larger than 10 MB."), code="too_large")


def private_upload_to(folder: str):
    """Personal files get a random, unguessable name (and live in the private storage,
    which has no URL; see ``cms.private_files``)."""

    def upload_to(instance, filename: str) -> str:
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        return f"{folder}/{secrets.token_urlsafe(24)}.{extension}"

    upload_to.__qualname__ = upload_to.__name__ = f"upload_to_{folder.replace('-', '_')}"
    return upload_to


def evidence_upload_to(instance, filename):
    return private_upload_to("attestations")(instance, filename)


def declaration_upload_to(instance, filename):
    return private_upload_to("declarations")(instance, filename)


def certificate_upload_to(instance, filename):
    return private_upload_to("certificates")(instance, filename)


def export_upload_to(instance, filename):
    return private_upload_to("certificate-exports")(instance, filename)


def new_verification_id() -> str:
    """144 random bits, URL-safe: unguessable, and short enough for a QR code."""
    return secrets.token_urlsafe(18)


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


def external_education_upload_to(instance, filename):
    return private_upload_to("external-education")(instance, filename)


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


class EligibilitySnapshot(models.Model):
    """The learner's standing against a track as last evaluated (after each relevant
    event, and whenever the programme page is shown), so lists read it in one query."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage", on_delete=models.CASCADE, related_name="+"
    )
    eligible = models.BooleanField(default=False)
    stale = models.BooleanField(default=False)
    results = models.JSONField(default=list)
    evaluated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "programme"], name="one_snapshot_each")
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} · {self.programme_id}: {self.eligible}"


class CertificateQuerySet(models.QuerySet):
    def of(self, learner):
        return self.filter(learner=learner)

    def current(self, *, today: datetime.date | None = None):
        """Neither revoked nor superseded nor expired."""
        today = today or timezone.localdate()
        return self.filter(revoked_at__isnull=True, superseded_by__isnull=True).filter(
            models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=today)
        )


class Certificate(models.Model):
    """An issued certificate. What it says (name, programme, dates, signatory) is copied
    at issue and never changes; re-issue and renewal create a new certificate and mark
    this one superseded; revocation records when and why. Never deleted."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("First issue")
        REISSUE = "reissue", _("Re-issue")
        RENEWAL = "renewal", _("Renewal")

    class Category(models.TextChoices):
        CERTIFICATION = "certification", _("Certification")
        COURSE = "course", _("Course certificate")

    class State(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Superseded")

    serial = models.CharField(_("serial number"), max_length=32, unique=True)
    verification_id = models.CharField(
        _("verification code"), max_length=32, unique=True, default=new_verification_id
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("learner"),
    )
    learner_name = models.CharField(_("name on the certificate"), max_length=200)
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("programme"),
    )
    programme_title = models.CharField(_("programme"), max_length=255)
    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INITIAL)
    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, default=Category.CERTIFICATION
    )
    outcomes = models.JSONField(_("learning outcomes"), default=list, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=2, null=True, blank=True)
    issued_on = models.DateField(_("issued"))
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    organisation_name = models.CharField(_("issuer"), max_length=200)
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    pdf = models.FileField(
        _("PDF"), upload_to=certificate_upload_to, storage=private_storage, blank=True
    )
    credential = models.TextField(_("signed credential (VC-JWT)"), blank=True)
    credential_ld = models.TextField(_("signed credential (Data Integrity)"), blank=True)
    status_list = models.PositiveIntegerField(_("status list"), default=1)
    status_index = models.PositiveIntegerField(_("status list index"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("superseded by"),
    )
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]
        indexes = [models.Index(fields=["expires_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="one_certificate_per_status_entry"
            )
        ]

    def __str__(self) -> str:
        return f"{self.serial} {self.learner_name}"

    def valid_from(self) -> datetime.datetime:
        """The moment of issue in UTC, to the second (older certificates: the start of
        the issue day in the site's time zone)."""
        if self.issued_at:
            moment = self.issued_at
        else:
            moment = datetime.datetime.combine(
                self.issued_on, datetime.time.min, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
            )
        return moment.astimezone(datetime.UTC).replace(microsecond=0)

    def valid_until(self) -> datetime.datetime | None:
        """The end of the expiry day in the site's time zone, in UTC: the certificate is
        valid through ``expires_on`` where it was issued, and from this moment on the
        credential's ``validUntil``/``exp``, the verify page and the PDF all call it
        expired."""
        if not self.expires_on:
            return None
        next_day = self.expires_on + datetime.timedelta(days=1)
        local = datetime.datetime.combine(
            next_day, datetime.time.min, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
        )
        return local.astimezone(datetime.UTC)

    def state(self, today: datetime.date | None = None) -> str:
        """Revoked wins over superseded, superseded over expired."""
        today = today or timezone.localdate()
        if self.revoked_at:
            return self.State.REVOKED
        if self.superseded_by_id:
            return self.State.SUPERSEDED
        if self.expires_on and self.expires_on < today:
            return self.State.EXPIRED
        return self.State.VALID

    @property
    def state_label(self) -> str:
        return self.State(self.state()).label

    def verification_url(self) -> str:
        return absolute_url(reverse("verify", args=[self.verification_id]))


class CertificateExport(models.Model):
    """A bulk export an administrator asked for: a ZIP of PDFs and a CSV manifest, built
    by a background task that reports its progress here."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    cohort = models.ForeignKey(
        "learners.Cohort", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=export_upload_to, storage=private_storage, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"export #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
