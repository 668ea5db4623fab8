"""Organisations, their departments, and the cohorts they run."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class Organisation(models.Model):
    """A clinic, municipality or service whose staff take programmes together."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_organisations",
        verbose_name=_("organisation leaders"),
        help_text=_("People who may follow (read only) the progress of this organisation"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A unit of an organisation, e.g. a ward or an outpatient clinic; reports group and
    filter learners by it."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="departments",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="departments", verbose_name=_("staff")
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_department_name")
        ]

    def __str__(self) -> str:
        return self.name


class Cohort(ClusterableModel):
    """A group of staff from one organisation going through one programme together."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="cohorts",
        verbose_name=_("organisation"),
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.PROTECT,
        related_name="cohorts",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=200)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_cohorts",
        verbose_name=_("programme lead"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="cohorts", verbose_name=_("members")
    )
    supervisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="supervised_cohorts",
        verbose_name=_("supervisors"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_cohort_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class ModuleDeadline(models.Model):
    """When a cohort should have completed a module. Optional; learners are reminded 7
    days and 1 day before."""

    cohort = ParentalKey(
        Cohort, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("cohort")
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        on_delete=models.CASCADE,
        related_name="cohort_deadlines",
        verbose_name=_("module"),
    )
    due_on = models.DateField(_("complete by"))

    class Meta:
        verbose_name = _("module deadline")
        verbose_name_plural = _("module deadlines")
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "module"], name="one_deadline_per_module")
        ]

    def __str__(self) -> str:
        return f"{self.module} · {self.due_on:%Y-%m-%d}"
