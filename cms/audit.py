"""The audit log: every state change that matters writes one event."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent


def record(*, actor, action: str, target: models.Model | None = None, **data: Any) -> AuditEvent:
    """Write one audit event. Call it inside the same transaction as the change it
    describes, so the log never claims a change that was rolled back."""
    event = AuditEvent(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        data=data,
    )
    if target is not None:
        event.target_type = ContentType.objects.get_for_model(target)
        event.target_id = str(target.pk)
        event.target_repr = str(target)[:255]
    event.save()
    return event


def events_for(target: models.Model):
    """Events about one object, newest first."""
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")
