"""Writing the audit log (``record``, the next link of the chain) and reading one
object's events."""

import datetime
import decimal
import logging
import secrets
import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from cms.models import AuditChainHead, AuditEvent

from .chain import event_hash, personal_digest, utc_iso

logger = logging.getLogger(__name__)


def record(*, actor, action: str, target: models.Model | None = None, **data: Any) -> AuditEvent:
    """Write one audit event as the next link of the chain. Call it inside the same
    transaction as the change it describes, so the log never claims a change that was
    rolled back (and a rolled-back event leaves no gap). Three queries: lock the chain
    head, insert the event, move the head."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        event = _event(actor, action, target, data, sequence=head.sequence + 1, prev_hash=head.hash)
        event.save(force_insert=True)
        head.sequence, head.hash = event.sequence, event.hash
        head.save(update_fields=["sequence", "hash"])
    return event


def record_many(
    *, actor, action: str, events: Iterable[tuple[models.Model | None, dict[str, Any]]]
) -> list[AuditEvent]:
    """Write one audit event per ``(target, data)`` pair, as consecutive links of the
    chain, in three queries whatever their number: lock the chain head, insert the events
    in one statement, move the head. Each event is exactly what ``record`` would have
    written for it, so the chain verifies the same; call it inside the change's
    transaction, as ``record``."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        written = []
        sequence, prev_hash = head.sequence, head.hash
        for target, data in events:
            sequence += 1
            event = _event(actor, action, target, data, sequence=sequence, prev_hash=prev_hash)
            prev_hash = event.hash
            written.append(event)
        if not written:
            return []
        AuditEvent.objects.bulk_create(written)
        head.sequence, head.hash = sequence, prev_hash
        head.save(update_fields=["sequence", "hash"])
    return written


def _event(actor, action, target, data, *, sequence: int, prev_hash: str) -> AuditEvent:
    """The next link: an unsaved event with its personal digest and hash."""
    event = AuditEvent(
        sequence=sequence,
        actor=actor,
        actor_username=_text(actor.get_username())[:150] if actor else "",
        action=_text(action),
        data=_jsonable(data),
        created_at=timezone.now(),
        salt=secrets.token_hex(16),
        prev_hash=prev_hash,
    )
    if target is not None:
        event.target_type = ContentType.objects.get_for_model(target)
        event.target_id = _text(str(target.pk))
        event.target_repr = _text(str(target))[:255]
    event.personal_digest = personal_digest(
        salt=event.salt, actor_username=event.actor_username, target_repr=event.target_repr
    )
    event.hash = event_hash(
        prev_hash=event.prev_hash,
        sequence=event.sequence,
        actor_id=event.actor_id,
        action=event.action,
        target_type_id=event.target_type_id,
        target_id=event.target_id,
        personal=event.personal_digest,
        data=event.data,
        created_at=event.created_at,
    )
    return event


def _locked_head() -> AuditChainHead:
    """The chain head, locked until the caller's transaction ends. Rebuilt from the last
    event if the row is missing (a flushed test database; a restore without it)."""
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        last = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
        if last:
            logger.warning("Audit chain head missing; rebuilt at sequence %s", last["sequence"])
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults=last or {}
        )
    return head


def _text(value: str) -> str:
    # PostgreSQL refuses NUL in text and jsonb; nothing else is changed.
    return value.replace("\x00", "\ufffd")


def _jsonable(value: Any) -> Any:
    """``value`` as JSON that comes back from any database exactly as written."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {_text(str(key)): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(item) for item in value]
    if isinstance(value, models.Model):
        return value.pk if isinstance(value.pk, int) else _text(str(value.pk))
    if isinstance(value, datetime.datetime):
        return utc_iso(value) if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date | datetime.time | decimal.Decimal | uuid.UUID):
        return _text(str(value))
    return _text(str(value))


def events_for(target: models.Model):
    """Events about one object, newest first."""
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")
