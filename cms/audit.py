"""The audit log: every state change that matters writes one event, and the events form
a hash chain that shows whether any of them was changed, removed or reordered.

The chain. Event *n* has the gap-free ``sequence`` *n*, stores the ``hash`` of event
*n − 1* as ``prev_hash`` (64 zeros for the first) and its own

    hash = SHA-256(prev_hash + canonical_json(content))

where ``content`` is ``{"v": 1, "sequence", "actor" (user id or null), "action",
"target_type" (content-type id or null), "target_id", "personal" (see below), "data",
"created_at" (UTC, ISO 8601 with microseconds and "Z")}``. ``canonical_json`` is JSON
with sorted keys, no spaces (``separators=(",", ":")``), ASCII escapes and no NaN; it
gives the same bytes whichever database the event comes back from, because
``record`` stores ``data`` in a form both SQLite and PostgreSQL's jsonb return
unchanged: keys are strings, floats are written as their ``repr`` text, NUL characters
are replaced, and dates, decimals, UUIDs and model instances become text or ids.

Personal data. An event holds ids, the action and ``data`` (ids, codes, states), plus two
personal fields: the actor's username at the time and the object's description
(``target_repr``). The chain does not hash these directly but a digest of them with a
random per-event salt (``personal``). Erasing a person (``AuditEvent.objects.filter(…)
.redact()``) blanks both fields and the salt and keeps the digest, so the chain still
verifies, and the blanked values can no longer be guessed from the digest. The actor
lives in ``auth_user``; the log keeps only their id, so deleting or anonymising the user
changes no event. Callers must not put free text about people in ``data``.

Appends are serialised by locking the one-row ``AuditChainHead`` (``SELECT … FOR UPDATE``
on PostgreSQL; SQLite lets one writer in at a time), inside the caller's transaction, so
two transactions can never fork the chain and an event never outlives a rolled-back
change. The unique sequence number is the last safeguard.

``verify_chain`` walks the chain in batches (constant memory) and names the first broken
link; ``python manage.py verify_audit`` and the administrators' audit page both call it.
The chain proves the log was not edited by anyone who does not also recompute every
later hash; keep the head that ``verify_audit`` prints somewhere outside the database
(a log, an e-mail) to notice even that.
"""

import datetime
import decimal
import hashlib
import json
import logging
import secrets
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AuditChainHead, AuditEvent

logger = logging.getLogger(__name__)

CHAIN_VERSION = 1
GENESIS = "0" * 64
REPORT_CACHE_KEY = "cms:audit:chain-report"


# --- the hash -------------------------------------------------------------------------


def canonical_json(value: Any) -> str:
    """The one serialisation the chain hashes: sorted keys, no whitespace, ASCII only."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    )


def utc_iso(moment: datetime.datetime) -> str:
    """``2026-11-25T08:50:01.000123Z``: always UTC and always six decimals."""
    utc = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z"


def personal_digest(*, salt: str, actor_username: str, target_repr: str) -> str:
    """The salted digest that stands in the chain for the event's personal fields."""
    personal = {"salt": salt, "actor_username": actor_username, "target_repr": target_repr}
    return hashlib.sha256(canonical_json(personal).encode("ascii")).hexdigest()


def event_hash(
    *,
    prev_hash: str,
    sequence: int,
    actor_id: int | None,
    action: str,
    target_type_id: int | None,
    target_id: str,
    personal: str,
    data: Any,
    created_at: datetime.datetime,
) -> str:
    """SHA-256 of the previous hash followed by the event's canonical content."""
    content = {
        "v": CHAIN_VERSION,
        "sequence": sequence,
        "actor": actor_id,
        "action": action,
        "target_type": target_type_id,
        "target_id": target_id,
        "personal": personal,
        "data": data,
        "created_at": utc_iso(created_at),
    }
    return hashlib.sha256((prev_hash + canonical_json(content)).encode("ascii")).hexdigest()


def _stored_hash(row: dict) -> str:
    return event_hash(
        prev_hash=row["prev_hash"],
        sequence=row["sequence"],
        actor_id=row["actor_id"],
        action=row["action"],
        target_type_id=row["target_type_id"],
        target_id=row["target_id"],
        personal=row["personal_digest"],
        data=row["data"],
        created_at=row["created_at"],
    )


def _personal_intact(row: dict) -> bool:
    if row["redacted_at"] is not None:
        return True  # erased on purpose; the digest in the chain still vouches for it
    return row["personal_digest"] == personal_digest(
        salt=row["salt"], actor_username=row["actor_username"], target_repr=row["target_repr"]
    )


# --- writing --------------------------------------------------------------------------


def record(*, actor, action: str, target: models.Model | None = None, **data: Any) -> AuditEvent:
    """Write one audit event as the next link of the chain. Call it inside the same
    transaction as the change it describes, so the log never claims a change that was
    rolled back (and a rolled-back event leaves no gap). Three queries: lock the chain
    head, insert the event, move the head."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        event = AuditEvent(
            sequence=head.sequence + 1,
            actor=actor,
            actor_username=_text(actor.get_username())[:150] if actor else "",
            action=_text(action),
            data=_jsonable(data),
            created_at=timezone.now(),
            salt=secrets.token_hex(16),
            prev_hash=head.hash,
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
        event.save(force_insert=True)
        head.sequence, head.hash = event.sequence, event.hash
        head.save(update_fields=["sequence", "hash"])
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


# --- reading --------------------------------------------------------------------------


def events_for(target: models.Model):
    """Events about one object, newest first."""
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")


# --- verifying ------------------------------------------------------------------------

PROBLEMS = {
    "content_changed": _("content changed"),
    "hash_mismatch": _("hash mismatch"),
    "missing": _("missing event"),
    "out_of_order": _("out of order"),
    "forged": _("inserted or replaced event"),
    "head_mismatch": _("chain head does not match"),
}

_FIELDS = (
    "pk", "sequence", "actor_id", "actor_username", "action", "target_type_id", "target_id",
    "target_repr", "data", "created_at", "salt", "personal_digest", "prev_hash", "hash",
    "redacted_at",
)  # fmt: skip


@dataclass(frozen=True)
class ChainBreak:
    """The first broken link: where (sequence number, event id) and what is wrong."""

    sequence: int
    event_id: int | None
    problem: str
    detail: str

    @property
    def problem_label(self) -> str:
        return str(PROBLEMS[self.problem])

    def __str__(self) -> str:
        event = _("event id %(id)s") % {"id": self.event_id} if self.event_id else _("no event")
        return _("sequence %(sequence)s (%(event)s): %(problem)s: %(detail)s") % {
            "sequence": self.sequence,
            "event": event,
            "problem": self.problem_label,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class ChainReport:
    count: int
    head_sequence: int
    head_hash: str
    broken: ChainBreak | None
    seconds: float
    checked_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify_chain(*, batch_size: int = 2000) -> ChainReport:
    """Walk the whole chain in sequence order, ``batch_size`` events at a time, and
    report the first broken link: a changed event (its content or its personal fields
    no longer give its hash), an altered hash, a missing sequence number, an event
    chained after another than its predecessor (reordered), an inserted or replaced
    event, or a chain head that does not match the last event. Events appended while
    the walk runs are checked too. The report is also kept for the audit page."""
    started = time.monotonic()
    expected_sequence, expected_prev, previous, count = 1, GENESIS, None, 0
    broken = None
    while broken is None:
        batch = list(
            AuditEvent.objects.filter(sequence__gte=expected_sequence)
            .order_by("sequence")
            .values(*_FIELDS)[:batch_size]
        )
        if not batch:
            head = _head()
            if AuditEvent.objects.filter(sequence__gte=expected_sequence).exists():
                continue  # appended since the last batch: check those too
            broken = _check_head(head, expected_sequence - 1, expected_prev)
            break
        for row in batch:
            if not (
                row["sequence"] == expected_sequence
                and row["prev_hash"] == expected_prev
                and _personal_intact(row)
                and _stored_hash(row) == row["hash"]
            ):
                broken = _diagnose(row, expected_sequence, expected_prev, previous)
                break
            expected_sequence, expected_prev, previous = row["sequence"] + 1, row["hash"], row
            count += 1
    head = AuditChainHead.objects.filter(pk=1).values("sequence", "hash").first()
    report = ChainReport(
        count=count,
        head_sequence=head["sequence"] if head else 0,
        head_hash=head["hash"] if head else GENESIS,
        broken=broken,
        seconds=time.monotonic() - started,
    )
    cache.set(REPORT_CACHE_KEY, report, timeout=None)
    return report


def last_report() -> ChainReport | None:
    """The report of the last verification (the audit page, ``verify_audit``), if any."""
    return cache.get(REPORT_CACHE_KEY)


def _head() -> tuple[int, str]:
    head = AuditChainHead.objects.filter(pk=1).values_list("sequence", "hash").first()
    return head or (0, GENESIS)


def _check_head(head: tuple[int, str], last_sequence: int, last_hash: str) -> ChainBreak | None:
    """Compare the chain head (read before the last look for new events) with the last
    event the walk checked."""
    head_sequence, head_hash = head
    if head_sequence < last_sequence:
        return ChainBreak(
            head_sequence + 1,
            _event_id(head_sequence + 1),
            "forged",
            _("it lies beyond the chain head (%(head)s): it was not written by the application")
            % {"head": head_sequence},
        )
    if head_sequence > last_sequence:
        return ChainBreak(
            last_sequence + 1,
            None,
            "missing",
            _("events %(first)s to %(last)s are missing from the end of the chain")
            % {"first": last_sequence + 1, "last": head_sequence},
        )
    if head_hash != last_hash:
        return ChainBreak(
            last_sequence,
            _event_id(last_sequence),
            "head_mismatch",
            _("the last event's hash differs from the one the chain head recorded"),
        )
    return None


def _diagnose(row: dict, expected_sequence: int, expected_prev: str, previous) -> ChainBreak:
    """Say what is wrong with ``row``, the first event that does not fit the chain."""
    head_sequence, head_hash = _head()
    sequence, pk = row["sequence"], row["pk"]
    if sequence > head_sequence and expected_sequence > head_sequence:
        return ChainBreak(
            sequence,
            pk,
            "forged",
            _("it lies beyond the chain head (%(head)s): it was not written by the application")
            % {"head": head_sequence},
        )
    if sequence != expected_sequence:
        successor = (
            AuditEvent.objects.filter(prev_hash=expected_prev).values("pk", "sequence").first()
        )
        if successor is not None:
            return ChainBreak(
                expected_sequence,
                successor["pk"],
                "out_of_order",
                _("the event that follows sequence %(before)s carries sequence %(found)s")
                % {"before": expected_sequence - 1, "found": successor["sequence"]},
            )
        if sequence > expected_sequence:
            return ChainBreak(
                expected_sequence,
                None,
                "missing",
                _("events %(first)s to %(last)s are missing; the next is event id %(id)s")
                % {"first": expected_sequence, "last": sequence - 1, "id": pk},
            )
        return ChainBreak(
            sequence, pk, "out_of_order", _("sequence %(n)s appears twice") % {"n": sequence}
        )
    computed = _stored_hash(row)
    self_consistent = computed == row["hash"] and _personal_intact(row)
    if row["prev_hash"] != expected_prev:
        origin = AuditEvent.objects.filter(hash=row["prev_hash"]).values("pk", "sequence").first()
        if origin is not None and (previous is None or origin["pk"] != previous["pk"]):
            return ChainBreak(
                sequence,
                pk,
                "out_of_order",
                _("it was chained after sequence %(origin)s, not after sequence %(before)s")
                % {"origin": origin["sequence"], "before": sequence - 1},
            )
        if self_consistent and previous is not None:
            return ChainBreak(
                previous["sequence"],
                previous["pk"],
                "forged",
                _(
                    "the next event was chained to a different event: "
                    "this one was replaced or inserted"
                ),
            )
        return ChainBreak(
            sequence, pk, "hash_mismatch", _("its link to the previous event was altered")
        )
    if not _personal_intact(row):
        return ChainBreak(
            sequence,
            pk,
            "content_changed",
            _("the actor's username or the object's description changed after it was written"),
        )
    if sequence == head_sequence:
        successor_prev = head_hash
    else:
        successor = AuditEvent.objects.filter(sequence=sequence + 1)
        successor_prev = successor.values_list("prev_hash", flat=True).first()
    if successor_prev == computed:
        return ChainBreak(
            sequence, pk, "hash_mismatch", _("its stored hash was altered; its content is intact")
        )
    return ChainBreak(
        sequence,
        pk,
        "content_changed",
        _("its actor, action, object, details or time changed after it was written"),
    )


def _event_id(sequence: int) -> int | None:
    return AuditEvent.objects.filter(sequence=sequence).values_list("pk", flat=True).first()
