"""Saving, submitting, confirming and returning practicum entries. Every change is
audited (``practicum.saved``, ``.submitted``, ``.confirmed``, ``.returned``,
``.deleted``) in the transaction that makes it; the learner hears of a decision after it
commits (``learners.practicum.notifications``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import events
from cms.audit import record

from . import access
from .models import EntryLocked, PracticumEntry
from .notifications import notify_decided

Status = PracticumEntry.Status


def _editable(entry: PracticumEntry) -> None:
    if not entry.editable:
        raise EntryLocked(_("Only a draft or a returned meeting can be changed."))


@transaction.atomic
def save_entry(entry: PracticumEntry, *, learner) -> PracticumEntry:
    """The learner saves a draft or a returned entry of their own (a returned one stays
    returned until submitted again)."""
    if entry.learner_id != learner.pk:
        raise PermissionDenied
    if entry.pk is not None:
        _editable(PracticumEntry.objects.get(pk=entry.pk))
    created = entry.pk is None
    entry.full_clean()
    entry.save()
    record(actor=learner, action="practicum.saved", target=entry, created=created)
    return entry


@transaction.atomic
def submit(entry: PracticumEntry, *, learner) -> PracticumEntry:
    """The learner submits a draft or returned entry to their mentor."""
    if entry.learner_id != learner.pk:
        raise PermissionDenied
    _editable(entry)
    entry.status, entry.submitted_at = Status.SUBMITTED, timezone.now()
    entry.save(update_fields=["status", "submitted_at", "updated_at"])
    record(actor=learner, action="practicum.submitted", target=entry)
    return entry


@transaction.atomic
def delete_entry(entry: PracticumEntry, *, learner) -> None:
    """The learner deletes a draft or returned entry of their own."""
    if entry.learner_id != learner.pk:
        raise PermissionDenied
    _editable(entry)
    record(actor=learner, action="practicum.deleted", target=entry, date=str(entry.date))
    entry.delete()


def _decide(entry: PracticumEntry, *, mentor, status: str, comment: str) -> PracticumEntry:
    entry = PracticumEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != Status.SUBMITTED:
        raise EntryLocked(_("This meeting is not waiting for a decision any more."))
    if not access.may_decide(mentor, entry):
        raise PermissionDenied
    entry.status, entry.decided_at, entry.decided_by = status, timezone.now(), mentor
    entry.decision_comment = comment
    entry.save(
        update_fields=["status", "decided_at", "decided_by", "decision_comment", "updated_at"]
    )
    entry_id = entry.pk
    transaction.on_commit(lambda: notify_decided(entry_id))
    return entry


@transaction.atomic
def confirm(entry: PracticumEntry, *, mentor, comment: str = "") -> PracticumEntry:
    """The learner's active mentor confirms a submitted meeting; it is locked from then
    on, and counts toward a *practicum* requirement."""
    entry = _decide(entry, mentor=mentor, status=Status.CONFIRMED, comment=comment.strip())
    record(actor=mentor, action="practicum.confirmed", target=entry, learner=entry.learner_id)
    events.practicum_confirmed.send(
        sender=PracticumEntry, learner=entry.learner, programme=entry.programme, entry=entry
    )
    return entry


@transaction.atomic
def return_entry(entry: PracticumEntry, *, mentor, comment: str) -> PracticumEntry:
    """The learner's active mentor returns a submitted meeting with a comment saying what
    to change; without a comment nothing changes."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Say what needs changing: returning a meeting needs a comment.")}
        )
    entry = _decide(entry, mentor=mentor, status=Status.RETURNED, comment=comment)
    record(
        actor=mentor,
        action="practicum.returned",
        target=entry,
        learner=entry.learner_id,
        comment=comment,
    )
    return entry
