"""Certificates and what leads to them: attestations an administrator confirms, the
learner's last evaluated standing against a track, issued certificates, and bulk exports.

The rules live in ``learners/eligibility.py`` and ``learners/certificates.py``.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
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
    issued_on = models.DateField(_("issued"))
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

    def __str__(self) -> str:
        return f"{self.serial} {self.learner_name}"

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

    @property
    def status_list(self) -> int:
        return self.pk // STATUS_LIST_SIZE + 1

    @property
    def status_index(self) -> int:
        return self.pk % STATUS_LIST_SIZE

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
