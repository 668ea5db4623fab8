"""The learner's side of practice hours: validation, logging, changing, deleting,
submitting and correcting entries, and each entry's history.

Every state change happens inside ``transaction.atomic``, writes one audit event and
locks the rows it decides on. Views only parse input and call these functions."""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.audit import events_for, record, record_many
from cms.formats import format_hours

from .access import learner_programmes
from .models import EntryLocked, HoursEntry

Status = HoursEntry.Status

MAX_HOURS_PER_DAY = Decimal(24)
ENTRY_FIELDS = (
    "category",
    "date",
    "hours",
    "setting",
    "description",
    "supervision_type",
    "client_code",
)


def check_entry(
    entry: HoursEntry, *, category_changed: bool = True, same_days: list[dict] | None = None
) -> None:
    """An entry is valid when: its fields pass their own checks (quarter hours above 0,
    a client code that identifies no one); the date is not in the future; the category
    is on the programme's list (and still open for new hours when chosen now); supervision
    received says individual or group; and the learner's entries on that day, the
    corrected original left out, add up to at most 24 hours.

    ``same_days`` are the learner's entries on the entry's date (``entries_on_days``),
    when the caller read them for many entries at once; else they are summed here.

    Raises ``ValidationError`` keyed by field; writes nothing."""
    errors: dict[str, list] = defaultdict(list)
    try:
        # Foreign keys are checked below without a query each.
        entry.clean_fields(exclude=["learner", "programme", "category", "corrects", "signed_by"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors[name].extend(messages)

    if entry.date and entry.date > timezone.localdate():
        errors["date"].append(_("The date is in the future. Log hours once you have done them."))

    category = entry.category if entry.category_id else None
    if category is None:
        errors["category"].append(_("Choose a category."))
    else:
        if category.programme_id != entry.programme_id:
            errors["category"].append(_("Choose a category from this programme's list."))
        elif category_changed and not category.active:
            errors["category"].append(_("This category is no longer open for new hours."))
        if category.is_supervision and not entry.supervision_type:
            errors["supervision_type"].append(
                _("Say whether the supervision was individual or in a group.")
            )
        if not category.is_supervision:
            entry.supervision_type = ""

    if entry.date and entry.hours and "hours" not in errors:
        if same_days is None:
            day = (
                HoursEntry.objects.filter(learner=entry.learner_id, date=entry.date)
                .exclude(pk=entry.pk)
                .exclude(pk=entry.corrects_id)
                .exclude(corrections__status=Status.APPROVED)
                .aggregate(total=Sum("hours"))["total"]
            ) or Decimal(0)
        else:
            day = sum(
                (
                    row["hours"]
                    for row in same_days
                    if row["date"] == entry.date and row["pk"] not in (entry.pk, entry.corrects_id)
                ),
                Decimal(0),
            )
        if day + Decimal(entry.hours) > MAX_HOURS_PER_DAY:
            errors["hours"].append(
                _(
                    "Your entries on %(date)s would add up to more than 24 hours "
                    "(%(logged)s hours are already logged that day)."
                )
                % {"date": entry.date.isoformat(), "logged": format_hours(day)}
            )
    if errors:
        raise ValidationError(dict(errors))


def entries_on_days(learner_id: int, days: Iterable) -> list[dict]:
    """The learner's entries on the given days that count toward a day's total (an
    entry replaced by an approved correction does not), in one query: what
    ``check_entry`` sums, for checking many entries at once."""
    return list(
        HoursEntry.objects.filter(learner=learner_id, date__in=set(days))
        .exclude(corrections__status=Status.APPROVED)
        .values("pk", "date", "hours")
    )


def _lock_learner(learner) -> None:
    # Serialises a learner's own writes, so two tabs cannot both squeeze under 24 h a day.
    get_user_model().objects.select_for_update().filter(pk=learner.pk).first()


def _locked(entry: HoursEntry) -> HoursEntry:
    return (
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("category", "learner")
        .get(pk=entry.pk)
    )


def _require_owner(entry: HoursEntry, user) -> None:
    if entry.learner_id != user.pk:
        raise PermissionDenied("Only the learner who logged an entry may change it.")


def _require_editable(entry: HoursEntry) -> None:
    if entry.status == Status.APPROVED:
        raise EntryLocked()
    if entry.status == Status.SUBMITTED:
        raise ValidationError(
            _("This entry is waiting for sign-off and cannot be changed now."), code="pending"
        )


# --- The learner's side ----------------------------------------------------------------


@transaction.atomic
def create_entry(*, learner, programme, corrects: HoursEntry | None = None, **values) -> HoursEntry:
    """A learner logs hours as a draft, in a programme they take, under the rules of
    ``check_entry``. Nothing is sent to anyone until they submit."""
    if not learner_programmes(learner).filter(pk=programme.pk).exists():
        raise ValidationError(_("You do not log hours in this programme."), code="programme")
    _lock_learner(learner)
    entry = HoursEntry(learner=learner, programme=programme, corrects=corrects)
    for name in ENTRY_FIELDS:
        if name in values:
            setattr(entry, name, values[name])
    check_entry(entry)
    entry.save()
    record(
        actor=learner,
        action="hours.created",
        target=entry,
        hours=f"{Decimal(entry.hours):.2f}",
        date=entry.date.isoformat(),
        category=entry.category.name,
        corrects=corrects.pk if corrects else None,
    )
    return entry


@transaction.atomic
def update_entry(entry: HoursEntry, *, by, **values) -> HoursEntry:
    """Only drafts and returned entries change, and only by their learner; an approved
    entry is locked and a submitted one waits for its supervisor."""
    _lock_learner(by)
    entry = _locked(entry)
    _require_owner(entry, by)
    _require_editable(entry)
    stored_category = entry.category_id
    changed = []
    for name in ENTRY_FIELDS:
        if name in values and getattr(entry, name) != values[name]:
            setattr(entry, name, values[name])
            changed.append(name)
    check_entry(entry, category_changed=entry.category_id != stored_category)
    if not changed:
        return entry
    entry.save(update_fields=[*changed, "updated_at"])
    record(actor=by, action="hours.edited", target=entry, fields=changed)
    return entry


@transaction.atomic
def delete_entry(entry: HoursEntry, *, by) -> None:
    """A learner may delete their own draft or returned entry; signed and pending
    entries stay."""
    entry = _locked(entry)
    _require_owner(entry, by)
    _require_editable(entry)
    record(
        actor=by,
        action="hours.deleted",
        target=entry,
        hours=f"{Decimal(entry.hours):.2f}",
        date=entry.date.isoformat(),
    )
    entry.delete()


@transaction.atomic
def submit(entries: Iterable[HoursEntry], *, by) -> list[HoursEntry]:
    """A learner submits one or many of their drafts or returned entries for sign-off.
    All or nothing: if one of them cannot be submitted, none is, and the error says which.
    """
    ids = [entry.pk for entry in entries]
    if not ids:
        raise ValidationError(_("Choose at least one entry to submit."), code="empty")
    _lock_learner(by)
    locked = list(
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("category")
        .filter(pk__in=ids)
        .order_by("date", "pk")
    )
    if len(locked) != len(set(ids)):
        raise PermissionDenied("Some entries do not exist.")
    now = timezone.now()
    same_days = entries_on_days(by.pk, (entry.date for entry in locked))
    for entry in locked:
        _require_owner(entry, by)
        if entry.status not in HoursEntry.EDITABLE:
            raise ValidationError(
                _("Entry of %(date)s (%(hours)s h) is not a draft or returned entry.")
                % {"date": entry.date.isoformat(), "hours": format_hours(entry.hours)},
                code="not_editable",
            )
        try:
            check_entry(entry, category_changed=False, same_days=same_days)
        except ValidationError as error:
            raise ValidationError(
                _("Entry of %(date)s cannot be submitted: %(reason)s")
                % {"date": entry.date.isoformat(), "reason": " ".join(error.messages)}
            ) from error
        entry.status = Status.SUBMITTED
        entry.submitted_at = entry.updated_at = now
    # One update and one insert of audit events, however many entries.
    HoursEntry.objects.bulk_update(locked, ["status", "submitted_at", "updated_at"])
    record_many(actor=by, action="hours.submitted", events=[(entry, {}) for entry in locked])
    return locked


@transaction.atomic
def correct(original: HoursEntry, *, by, **values) -> HoursEntry:
    """A mistake in an approved entry is fixed by a new entry that points to it. The
    correction needs its own sign-off; until it is approved the original still counts.
    One correction per entry: to correct again, correct the correction."""
    original = _locked(original)
    _require_owner(original, by)
    if original.status != Status.APPROVED:
        raise ValidationError(
            _("Only approved entries are corrected; change this one directly."),
            code="not_approved",
        )
    existing = HoursEntry.objects.filter(corrects=original).first()
    if existing is not None:
        raise ValidationError(
            _("This entry already has a correction (#%(id)s). Change or correct that one.")
            % {"id": existing.pk},
            code="already_corrected",
        )
    correction = create_entry(learner=by, programme=original.programme, corrects=original, **values)
    record(actor=by, action="hours.correction_started", target=original, correction=correction.pk)
    return correction


def history(entry: HoursEntry):
    """The entry's audit events, oldest first: created, edited, submitted, returned with
    the comment, approved with the signature, corrected."""
    return list(events_for(entry).order_by("created_at", "pk"))
