"""What the dashboard remembers: when a person last looked at it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DashboardVisit(models.Model):
    """The time a person last opened their dashboard, so the next visit can say what
    changed since."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="dashboard_visit",
        verbose_name=_("person"),
    )
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("dashboard visit")
        verbose_name_plural = _("dashboard visits")

    def __str__(self) -> str:
        return f"{self.user} · {self.seen_at:%Y-%m-%d %H:%M}"
