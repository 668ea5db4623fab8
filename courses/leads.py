"""Who leads which programme: an explicit grant by an administrator, one row per person
and programme. ``cms.access.led_programme_ids`` reads it (through the user's
``programme_leads`` relation), so every room asks the same question."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class ProgrammeLead(models.Model):
    """``user`` leads ``programme``: they manage its cohorts, enrolments, supervision,
    practice hours, question bank and reports. Only administrators grant and revoke it
    (in the Wagtail admin, *Programme leads*); every grant and revocation is audited."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="programme_leads",
        verbose_name=_("person"),
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="leads",
        verbose_name=_("programme"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    panels = [FieldPanel("user"), FieldPanel("programme")]

    class Meta:
        verbose_name = _("programme lead")
        verbose_name_plural = _("programme leads")
        ordering = ["programme__title", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "programme"], name="one_grant_per_programme")
        ]

    def __str__(self):
        return f"{self.user} – {self.programme}"
