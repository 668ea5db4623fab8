"""Supervised practice hours: each programme's practice categories and requirements, and
the learner's hours entries with their per-entry sign-off.

The rules that act on these models (validation, submit, approve, return, correct,
totals) live in ``learners.hours.rules``; the model only guards what must hold whatever
code path writes: an approved entry is never saved again or deleted.
"""

import datetime
import hashlib
import json
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learners.cohorts.models import Supervision

from .validators import validate_client_code, validate_quarter_hours


class SupervisorProfile(models.Model):
    """A supervisor's professional credential, copied onto every sign-off at signing."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervisor_profile"
    )
    credential = models.CharField(
        _("professional credential"), max_length=200, help_text=_("e.g. Clinical psychologist")
    )
    licence_number = models.CharField(_("licence or registration number"), max_length=64)

    class Meta:
        verbose_name = _("supervisor profile")
        verbose_name_plural = _("supervisor profiles")

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.get_username()}, {self.credential}"


class PracticeCategory(models.Model):
    """One practice domain a programme counts hours in, e.g. individual counselling,
    with the hours the programme requires in it. Leads edit the list in the admin;
    retiring a category keeps the hours already logged in it."""

    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="practice_categories",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("key"), max_length=64)
    description = models.TextField(_("description"), blank=True)
    required_hours = models.DecimalField(
        _("required hours"),
        max_digits=7,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Approved hours needed in this category; 0 when there is no minimum"),
    )
    is_supervision = models.BooleanField(
        _("supervision received"),
        default=False,
        help_text=_(
            "Hours of supervision the learner receives: entries ask for individual or group "
            "supervision, and these hours count towards the supervision ratio"
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Learners can log new hours in this category")
    )

    class Meta:
        verbose_name = _("practice category")
        verbose_name_plural = _("practice categories")
        ordering = ["programme", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="unique_category_key")
        ]

    def __str__(self) -> str:
        return self.name


class HoursRequirement(models.Model):
    """What a programme requires in supervised practice: a total and, optionally, one
    hour of supervision received for every so many practice hours."""

    programme = models.OneToOneField(
        "courses.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="hours_requirement",
        verbose_name=_("programme"),
    )
    total_hours = models.DecimalField(
        _("total hours required"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    practice_hours_per_supervision_hour = models.PositiveSmallIntegerField(
        _("practice hours per hour of supervision"),
        null=True,
        blank=True,
        help_text=_("e.g. 10 for one hour of supervision per 10 practice hours; empty for none"),
    )

    class Meta:
        verbose_name = _("hours requirement")
        verbose_name_plural = _("hours requirements")

    def __str__(self) -> str:
        return f"{self.programme}: {self.total_hours}"


class EntryLocked(ValidationError):
    """An approved entry is a signed record: it is never changed or deleted."""

    def __init__(self, message=None):
        super().__init__(
            message
            or _(
                "This entry has been approved and signed, so it can no longer be changed or "
                "deleted. To fix a mistake, create a correction."
            ),
            code="locked",
        )


class HoursEntryQuerySet(models.QuerySet):
    def of(self, learner):
        return self.filter(learner=learner)

    def approved(self):
        return self.filter(status=HoursEntry.Status.APPROVED)

    def counted(self):
        """Approved entries that count: an approved correction replaces the entry it
        corrects."""
        return self.approved().exclude(
            Exists(
                HoursEntry.objects.filter(
                    corrects=OuterRef("pk"), status=HoursEntry.Status.APPROVED
                )
            )
        )

    def supervised_by(self, supervisor, *, on=None):
        """Entries a supervisor may see: their learner's, in the programme they supervise,
        while the supervision is active, and dated within its period. The learner filter
        comes first, so the database reads only the supervisees' entries (by index) and
        never tests the period against everyone's."""
        supervisions = Supervision.objects.active(on=on).filter(supervisor=supervisor)
        return self.filter(learner__in=supervisions.values("learner")).filter(
            Exists(
                Supervision.objects.active(on=on).filter(
                    supervisor=supervisor,
                    learner=OuterRef("learner"),
                    programme=OuterRef("programme"),
                    starts_on__lte=OuterRef("date"),
                )
            )
        )

    def pending_for(self, supervisor):
        """The supervisor's sign-off queue: submitted entries they may decide."""
        return (
            self.supervised_by(supervisor)
            .filter(status=HoursEntry.Status.SUBMITTED)
            .select_related("learner", "programme", "category", "corrects")
            .order_by("learner__last_name", "learner__first_name", "learner_id", "date", "pk")
        )


class HoursEntry(models.Model):
    """Practice hours a learner logged, and, once approved, the supervisor's signature.

    Draft → submitted → approved, or → returned (with a comment) → edited and submitted
    again. Approved entries are locked; a correction is a new entry pointing at the one it
    corrects and needs its own sign-off.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for sign-off")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    class SupervisionType(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual supervision")
        GROUP = "group", _("Group supervision")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="hours_entries",
        verbose_name=_("learner"),
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.PROTECT,
        related_name="hours_entries",
        verbose_name=_("programme"),
    )
    category = models.ForeignKey(
        PracticeCategory,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("category"),
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"), max_digits=4, decimal_places=2, validators=[validate_quarter_hours]
    )
    setting = models.CharField(
        _("setting or site"), max_length=200, help_text=_("e.g. the ward, clinic or service")
    )
    description = models.TextField(_("what you did"), max_length=2000)
    supervision_type = models.CharField(
        _("supervision type"),
        max_length=16,
        choices=SupervisionType.choices,
        blank=True,
        help_text=_("Only for supervision you received"),
    )
    client_code = models.CharField(
        _("client code"),
        max_length=32,
        blank=True,
        validators=[validate_client_code],
        help_text=_("Optional. A pseudonym only — never a name, identity number, e-mail or phone."),
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects entry"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_comment = models.TextField(_("supervisor's comment"), blank=True)

    # The sign-off: copied at the moment of signing, never looked up again.
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signed_hours",
        verbose_name=_("signed by"),
    )
    signer_name = models.CharField(_("supervisor"), max_length=200, blank=True)
    signer_credential = models.CharField(_("credential"), max_length=200, blank=True)
    signer_licence_number = models.CharField(_("licence number"), max_length=64, blank=True)
    signed_at = models.DateTimeField(_("signed (UTC)"), null=True, blank=True)
    content_sha256 = models.CharField(_("SHA-256 of the entry"), max_length=64, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = HoursEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours entries")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["learner", "date"]),
            models.Index(fields=["programme", "status"]),
            # The sign-off queue: the supervisees' entries waiting, and nobody else's.
            models.Index(fields=["learner", "status"]),
        ]
        constraints = [
            # One correction per entry: correct the correction, not the original twice.
            models.UniqueConstraint(fields=["corrects"], name="one_correction_per_entry"),
            models.CheckConstraint(
                condition=Q(status="approved", signed_at__isnull=False, content_sha256__gt="")
                | ~Q(status="approved"),
                name="approved_entries_are_signed",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.date} {self.hours} h {self.category_id}"

    def save(self, *args, **kwargs):
        # The last line of defence: whatever code path writes, a signed entry stays as
        # it was signed.
        if getattr(self, "_stored_status", None) == self.Status.APPROVED:
            raise EntryLocked()
        super().save(*args, **kwargs)
        self._stored_status = self.status

    def get_absolute_url(self) -> str:
        return reverse("learners:hours_entry", args=[self.pk])

    def delete(self, *args, **kwargs):
        if getattr(self, "_stored_status", None) == self.Status.APPROVED:
            raise EntryLocked()
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._stored_status = instance.__dict__.get("status")
        return instance

    @property
    def is_locked(self) -> bool:
        return self.Status.APPROVED in (self.status, getattr(self, "_stored_status", None))

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def canonical_content(self) -> dict:
        """What a signature covers: who logged what, when, where and how long."""
        return {
            "id": self.pk,
            "learner": self.learner_id,
            "programme": self.programme_id,
            "category": self.category_id,
            "date": self.date.isoformat(),
            "hours": f"{Decimal(self.hours):.2f}",
            "setting": self.setting,
            "description": self.description,
            "supervision_type": self.supervision_type,
            "client_code": self.client_code,
            "corrects": self.corrects_id,
        }

    def content_hash(self) -> str:
        canonical = json.dumps(
            self.canonical_content(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def signature_intact(self) -> bool:
        """True when the entry still matches the content its supervisor signed."""
        return bool(self.content_sha256) and self.content_sha256 == self.content_hash()

    @property
    def signed_at_utc(self):
        return self.signed_at.astimezone(datetime.UTC) if self.signed_at else None
