"""In-app notifications and the one send-once log. Both moved here from ``learners``
with their tables (``learners_notification``, ``learners_sentreminder``) kept as they
were, so no row was lost."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def of(self, user):
        return self.filter(recipient=user)


class Notification(models.Model):
    """A message shown in the person's notification list until they read it. Every
    e-mail Praksis sends is also one of these (``cms.notifications.deliver``)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=32)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        db_table = "learners_notification"
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="learners_no_recipie_ed0962_idx")
        ]

    def __str__(self) -> str:
        return self.title


class SentMessage(models.Model):
    """One message that went out, under a key that says what it was about (a deadline
    and its date, an ISO week, an hours entry's submission, a certificate and the days
    before it expires …). The unique (kind, recipient, key) is what makes every sender
    safe to run twice: the second claim fails, and nothing is sent again."""

    kind = models.CharField(_("kind"), max_length=32)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("key"), max_length=100)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        db_table = "learners_sentreminder"
        verbose_name = _("sent message")
        verbose_name_plural = _("sent messages")
        constraints = [
            models.UniqueConstraint(fields=["kind", "recipient", "key"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} · {self.key}"
