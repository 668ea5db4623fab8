"""The hash chain's arithmetic: the canonical JSON, an event's hash and the salted digest
of its personal fields (the chain itself is described in ``cms.audit``)."""

import datetime
import hashlib
import json
from typing import Any

CHAIN_VERSION = 1
GENESIS = "0" * 64


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


def stored_hash(row: dict) -> str:
    """The hash a stored event (a ``values()`` row) should carry, recomputed."""
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


def personal_intact(row: dict) -> bool:
    """Whether the row's personal fields still give its stored digest."""
    if row["redacted_at"] is not None:
        return True  # erased on purpose; the digest in the chain still vouches for it
    return row["personal_digest"] == personal_digest(
        salt=row["salt"], actor_username=row["actor_username"], target_repr=row["target_repr"]
    )
