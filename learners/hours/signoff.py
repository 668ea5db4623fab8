"""The supervisor's side of practice hours: the e-signature that approves an entry, the
return with a comment, decisions on many entries at once, and the password check
before signing.

The row is locked before a decision, so two supervisors (or one double-click) can
never both decide the same entry."""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.audit import record, record_many
from cms.events import hours_approved
from cms.security.throttling import password_matches

from .access import decidable_periods, may_decide, may_decide_in
from .entries import _locked
from .models import EntryLocked, HoursEntry, SupervisorProfile
from .notifications import notify_returned

Status = HoursEntry.Status

logger = logging.getLogger(__name__)
SIGNING_SESSION_KEY = "hours_signing_confirmed_at"
SIGNING_WINDOW = datetime.timedelta(minutes=15)


def _decided(entry: HoursEntry) -> ValidationError:
    if entry.status == Status.APPROVED:
        return EntryLocked(_("This entry has already been approved and signed."))
    return ValidationError(
        _("This entry is not waiting for sign-off (it is %(status)s).")
        % {"status": entry.get_status_display().lower()},
        code="not_pending",
    )


@transaction.atomic
def approve(
    entry: HoursEntry, *, supervisor, comment: str = "", announce: bool = True
) -> HoursEntry:
    """The supervisor's e-signature. Only a submitted entry, only by a supervisor who may
    decide it (``may_decide``), and only with a supervisor profile: the signature copies
    their name, credential and licence number, the UTC time, and a SHA-256 of the entry's
    content. From then on the entry is locked. The row is locked first, so of many
    simultaneous decisions exactly one wins. ``hours_approved`` is sent (unless
    ``announce`` is off: ``decide`` sends it once per learner and programme)."""
    entry = _locked(entry)
    if not may_decide(supervisor, entry):
        raise PermissionDenied("Not this entry's supervisor.")
    if entry.status != Status.SUBMITTED:
        raise _decided(entry)
    profile = SupervisorProfile.objects.filter(user=supervisor).first()
    if profile is None or not profile.licence_number:
        raise ValidationError(
            _("Your supervisor profile needs your credential and licence number before you sign."),
            code="no_profile",
        )
    now = timezone.now()
    entry.status = Status.APPROVED
    entry.decided_at = entry.signed_at = now
    entry.decision_comment = comment.strip()
    entry.signed_by = supervisor
    entry.signer_name = supervisor.get_full_name() or supervisor.get_username()
    entry.signer_credential = profile.credential
    entry.signer_licence_number = profile.licence_number
    entry.content_sha256 = entry.content_hash()
    entry.save(
        update_fields=[
            "status", "decided_at", "signed_at", "decision_comment", "signed_by",
            "signer_name", "signer_credential", "signer_licence_number", "content_sha256",
            "updated_at",
        ]
    )  # fmt: skip
    record(
        actor=supervisor,
        action="hours.approved",
        target=entry,
        comment=entry.decision_comment,
        credential=entry.signer_credential,
        licence_number=entry.signer_licence_number,
        signed_at=now.astimezone(datetime.UTC).isoformat(),
        sha256=entry.content_sha256,
    )
    if announce:
        hours_approved.send(
            sender=HoursEntry, learner=entry.learner, programme=entry.programme, entries=[entry]
        )
    return entry


@transaction.atomic
def return_entry(entry: HoursEntry, *, supervisor, comment: str) -> HoursEntry:
    """A supervisor returns a submitted entry with a comment saying what to change (the
    comment is required); the learner is e-mailed and can edit and resubmit it."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Say what needs changing: returning an entry needs a comment.")}
        )
    entry = _locked(entry)
    if not may_decide(supervisor, entry):
        raise PermissionDenied("Not this entry's supervisor.")
    if entry.status != Status.SUBMITTED:
        raise _decided(entry)
    entry.status = Status.RETURNED
    entry.decided_at = timezone.now()
    entry.decision_comment = comment
    entry.save(update_fields=["status", "decided_at", "decision_comment", "updated_at"])
    record(actor=supervisor, action="hours.returned", target=entry, comment=comment)
    entry_id = entry.pk
    transaction.on_commit(lambda: notify_returned(entry_id))
    return entry


@dataclass
class Decisions:
    done: list[HoursEntry] = field(default_factory=list)
    skipped: list[tuple[HoursEntry, str]] = field(default_factory=list)


def decide(entries: Iterable[HoursEntry], *, supervisor, approve_them: bool, comment: str):
    """Approve or return many entries at once. An entry someone else decided in the
    meantime is skipped and reported, not an error for the rest; ticking one the
    supervisor may not decide refuses them all. A return without a comment changes
    nothing. Approving many is one transaction of a constant number of queries
    (``approve_many``)."""
    if not approve_them and not (comment or "").strip():
        raise ValidationError(
            {"comment": _("Say what needs changing: returning an entry needs a comment.")}
        )
    if approve_them:
        return approve_many(entries, supervisor=supervisor, comment=comment)
    decisions = Decisions()
    for entry in entries:
        try:
            decisions.done.append(return_entry(entry, supervisor=supervisor, comment=comment))
        except ValidationError as error:
            decisions.skipped.append((entry, " ".join(error.messages)))
    return decisions


@transaction.atomic
def approve_many(entries: Iterable[HoursEntry], *, supervisor, comment: str = "") -> Decisions:
    """Sign many entries at once under the rules of ``approve``: the rows are locked
    together, each must be decidable by this supervisor (``may_decide``, checked against
    their active supervisions read once) and still submitted (else it is skipped and
    reported), and each gets its own signature and audit event. The queries do not grow
    with the entries: the lock, the supervisions, the profile, one update and the audit
    events in one insert; ``hours_approved`` is sent once per learner and programme."""
    ids = sorted({entry.pk for entry in entries})
    locked = list(
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("learner", "programme")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    periods = decidable_periods(supervisor)
    for entry in locked:
        if not may_decide_in(periods, entry):
            raise PermissionDenied("Not this entry's supervisor.")
    decisions = Decisions()
    pending = []
    for entry in locked:
        if entry.status == Status.SUBMITTED:
            pending.append(entry)
        else:
            decisions.skipped.append((entry, " ".join(_decided(entry).messages)))
    if not pending:
        return decisions
    profile = SupervisorProfile.objects.filter(user=supervisor).first()
    if profile is None or not profile.licence_number:
        raise ValidationError(
            _("Your supervisor profile needs your credential and licence number before you sign."),
            code="no_profile",
        )
    now = timezone.now()
    for entry in pending:
        entry.status = Status.APPROVED
        entry.decided_at = entry.signed_at = entry.updated_at = now
        entry.decision_comment = comment.strip()
        entry.signed_by = supervisor
        entry.signer_name = supervisor.get_full_name() or supervisor.get_username()
        entry.signer_credential = profile.credential
        entry.signer_licence_number = profile.licence_number
        entry.content_sha256 = entry.content_hash()
    HoursEntry.objects.bulk_update(
        pending,
        [
            "status", "decided_at", "signed_at", "decision_comment", "signed_by",
            "signer_name", "signer_credential", "signer_licence_number", "content_sha256",
            "updated_at",
        ],
    )  # fmt: skip
    signed_at = now.astimezone(datetime.UTC).isoformat()
    record_many(
        actor=supervisor,
        action="hours.approved",
        events=[
            (
                entry,
                {
                    "comment": entry.decision_comment,
                    "credential": entry.signer_credential,
                    "licence_number": entry.signer_licence_number,
                    "signed_at": signed_at,
                    "sha256": entry.content_sha256,
                },
            )
            for entry in pending
        ],
    )
    for entry in pending:
        entry._stored_status = Status.APPROVED
    decisions.done = pending
    # Announced once per learner and programme, not once per entry.
    pairs: dict[tuple[int, int], list[HoursEntry]] = {}
    for entry in pending:
        pairs.setdefault((entry.learner_id, entry.programme_id), []).append(entry)
    for group in pairs.values():
        hours_approved.send(
            sender=HoursEntry, learner=group[0].learner, programme=group[0].programme, entries=group
        )
    return decisions


def signing_confirmed(session, *, now: datetime.datetime | None = None) -> bool:
    """Signing needs the supervisor's password at most once per 15 minutes: the time of
    the last confirmation is kept in their session."""
    value = session.get(SIGNING_SESSION_KEY)
    if not value:
        return False
    try:
        confirmed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return (now or timezone.now()) - confirmed < SIGNING_WINDOW


def confirm_signing(request, *, user, password: str) -> bool:
    """Check the password again before signing; on success remember when. Wrong
    passwords count toward the login throttle (per account and address), and a paused
    account is refused even with the right one."""
    if not password_matches(request, user, password):
        logger.warning("Signing confirmation failed for user %s", user.pk)
        return False
    request.session[SIGNING_SESSION_KEY] = timezone.now().isoformat()
    return True
