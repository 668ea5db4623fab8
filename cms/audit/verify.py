"""Verifying the chain: walk it in batches and name the first broken link."""

import datetime
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import AuditChainHead, AuditEvent

from .chain import GENESIS, personal_intact, stored_hash

REPORT_CACHE_KEY = "cms:audit:chain-report"

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
                and personal_intact(row)
                and stored_hash(row) == row["hash"]
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
    computed = stored_hash(row)
    self_consistent = computed == row["hash"] and personal_intact(row)
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
    if not personal_intact(row):
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
