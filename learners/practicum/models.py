"""The practicum log: the SMART meetings a learner observed, co-facilitated or led, each
confirmed by their mentor (``learners.cohorts.Mentorship``).

An entry holds no participant's name or identifying detail: only the date, the format,
the learner's role, the duration, an optional head count and a short reflection. The
rules that act on entries (submit, confirm, return, delete) are in
``learners.practicum.rules``; the model only guards what must hold whatever code path
writes: a confirmed entry is never changed or deleted."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learners.cohorts.models import Mentorship

REFLECTION_MAX = 2000


class EntryLocked(ValidationError):
    """A confirmed practicum entry cannot be changed or deleted."""


class Role(models.TextChoices):
    """The learner's part in the meeting, lowest first: a requirement for a role counts
    meetings in that role or a higher one (``counts_for``)."""

    OBSERVER = "observer", _("Observer")
    CO_FACILITATOR = "co-facilitator", _("Co-facilitator")
    LEAD_FACILITATOR = "lead-facilitator", _("Lead facilitator")

    @classmethod
    def counts_for(cls, role: str) -> list[str]:
        """The roles a requirement for ``role`` counts: that role and every higher one
        (leading a meeting also counts as co-facilitating one)."""
        values = list(cls.values)
        return values[values.index(role) :] if role in values else []


class PracticumQuerySet(models.QuerySet):
    def of(self, learner):
        return self.filter(learner=learner)

    def confirmed(self):
        return self.filter(status=PracticumEntry.Status.CONFIRMED)

    def mentored_by(self, mentor):
        """Entries of learners ``mentor`` mentors in the entry's programme today, dated on
        or after the mentorship began."""
        mentoring = Mentorship.objects.active().filter(
            mentor=mentor,
            learner=OuterRef("learner"),
            programme=OuterRef("programme"),
            starts_on__lte=OuterRef("date"),
        )
        return self.filter(Exists(mentoring))

    def pending_for(self, mentor):
        """Submitted entries waiting for ``mentor``'s decision, oldest meeting first."""
        return (
            self.mentored_by(mentor)
            .filter(status=PracticumEntry.Status.SUBMITTED)
            .select_related("learner", "programme")
            .order_by("date", "pk")
        )

    def meetings(self, *, learner, programme, role: str) -> int:
        """Confirmed meetings of the learner in the programme in ``role`` or higher."""
        return (
            self.confirmed()
            .filter(learner=learner, programme=programme, role__in=Role.counts_for(role))
            .count()
        )


class PracticumEntry(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for your mentor")
        CONFIRMED = "confirmed", _("Confirmed")
        RETURNED = "returned", _("Returned")

    class Format(models.TextChoices):
        IN_PERSON = "in-person", _("In person")
        ONLINE = "online", _("Online")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="practicum_entries",
        verbose_name=_("learner"),
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.PROTECT,
        related_name="practicum_entries",
        verbose_name=_("programme"),
    )
    date = models.DateField(_("date of the meeting"))
    format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.IN_PERSON
    )
    role = models.CharField(_("your role"), max_length=20, choices=Role.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    attendees = models.PositiveSmallIntegerField(
        _("attendees"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(500)],
        help_text=_("Optional: how many took part, as a number only"),
    )
    reflection = models.TextField(
        _("reflection"),
        max_length=REFLECTION_MAX,
        help_text=_(
            "What went well, what you would do differently. Do not write names or anything "
            "that could identify a participant."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_comment = models.TextField(_("mentor's comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PracticumQuerySet.as_manager()

    class Meta:
        verbose_name = _("practicum meeting")
        verbose_name_plural = _("practicum meetings")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["learner", "programme", "status"])]

    def __str__(self) -> str:
        return f"{self.learner} {self.date} {self.role}"

    def save(self, *args, **kwargs):
        if self._stored_status() == self.Status.CONFIRMED:
            raise EntryLocked(_("This meeting has been confirmed and can no longer be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_status() == self.Status.CONFIRMED:
            raise EntryLocked(_("This meeting has been confirmed and can no longer be changed."))
        return super().delete(*args, **kwargs)

    @property
    def editable(self) -> bool:
        return self.status in self.EDITABLE

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("A meeting cannot be in the future.")})

    def _stored_status(self) -> str | None:
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
