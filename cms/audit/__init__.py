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

The package: ``chain`` (the hash), ``log`` (writing and reading events), ``verify``
(walking the chain).
"""

from .chain import (
    CHAIN_VERSION,
    GENESIS,
    canonical_json,
    event_hash,
    personal_digest,
    utc_iso,
)
from .log import events_for, record, record_many
from .verify import (
    PROBLEMS,
    REPORT_CACHE_KEY,
    ChainBreak,
    ChainReport,
    last_report,
    verify_chain,
)

__all__ = [
    "CHAIN_VERSION",
    "GENESIS",
    "PROBLEMS",
    "REPORT_CACHE_KEY",
    "ChainBreak",
    "ChainReport",
    "canonical_json",
    "event_hash",
    "events_for",
    "last_report",
    "personal_digest",
    "record",
    "record_many",
    "utc_iso",
    "verify_chain",
]
