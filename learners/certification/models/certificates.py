"""Issued certificates (the rules: ``learners.certification.certificates``)."""

import datetime
import secrets
import zoneinfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.links import absolute_url
from cms.private_files import private_storage

from .files import private_upload_to

# One Bitstring Status List holds 131,072 entries (16 KiB), the minimum the
# specification asks for so that a list says little about any one holder.
STATUS_LIST_SIZE = 131_072


def certificate_upload_to(instance, filename):
    return private_upload_to("certificates")(instance, filename)


def export_upload_to(instance, filename):
    return private_upload_to("certificate-exports")(instance, filename)


def new_verification_id() -> str:
    """144 random bits, URL-safe: unguessable, and short enough for a QR code."""
    return secrets.token_urlsafe(18)


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
    """An issued certificate. What it says (name, programme, dates, signatory, the
    requirements met) is copied at issue and never changes; re-issue and renewal create a
    new certificate and mark this one superseded; revocation records when and why. Never
    deleted."""

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
    # The track's level key ("" for a programme's only track): which level this
    # certifies. The level's name is in ``programme_title`` as it was at issue.
    level = models.SlugField(_("level key"), max_length=64, blank=True, default="")
    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INITIAL)
    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, default=Category.CERTIFICATION
    )
    outcomes = models.JSONField(_("learning outcomes"), default=list, blank=True)
    requirements = models.JSONField(
        _("requirements met"),
        default=list,
        blank=True,
        help_text=_("What the learner had met at issue, in the certificate's language."),
    )
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
