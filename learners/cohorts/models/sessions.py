"""Facilitated sessions of a cohort and who attended them."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.events import session_changed

# What a member plans by: a change to any of these is announced (``session_changed``).
ANNOUNCED_FIELDS = ("starts_at", "duration_minutes", "place", "online_url")


class SessionQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        from django.utils import timezone

        return self.filter(starts_at__gte=now or timezone.now())

    def for_member(self, user):
        return self.filter(cohort__members=user)


class Session(models.Model):
    """A teaching session, training or reflection group a cohort meets for, belonging to
    one module; its planned duration counts as education hours for those present."""

    cohort = models.ForeignKey(
        "learners.Cohort",
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("cohort"),
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("module"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("planned duration (minutes)"), default=90)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_sessions",
        verbose_name=_("facilitator"),
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.title} · {self.starts_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        """Saving a changed time, duration, place or online link sends
        ``session_changed`` (the cohort's members are told); a new session does not."""
        before = None
        if self.pk is not None:
            before = type(self).objects.filter(pk=self.pk).values(*ANNOUNCED_FIELDS).first()
        super().save(*args, **kwargs)
        if before and any(before[name] != getattr(self, name) for name in ANNOUNCED_FIELDS):
            session_changed.send(
                sender=type(self), session=self, members=list(self.cohort.members.all())
            )

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    def clean(self):
        if not (self.place or self.online_url):
            raise ValidationError(_("Give a place, an online link, or both."))
        if self.module_id and self.cohort_id:
            module_parent = self.module.path[: -self.module.steplen]
            if module_parent != self.cohort.programme.path:
                raise ValidationError({"module": _("Choose a module of the cohort's programme.")})


class Attendance(models.Model):
    """Whether one member came to one session. Only "present" counts toward completion
    and education hours."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("session")
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("learner"),
    )
    status = models.CharField(_("attendance"), max_length=16, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "learner"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.session} · {self.status}"
