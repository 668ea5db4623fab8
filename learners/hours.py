"""Supervised practice hours: the rules.

Every state change happens here, inside ``transaction.atomic``, writes one audit event,
and locks the row it decides on, so two supervisors (or one double-click) can never both
decide the same entry. Views only parse input and call these functions.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.audit import events_for, record
from cms.pdf import html_to_pdf
from cms.security.throttling import password_matches
from cms.spreadsheets import spreadsheet_safe

from .access import is_administrator
from .models import (
    Cohort,
    Enrolment,
    EntryLocked,
    HoursEntry,
    HoursRequirement,
    PracticeCategory,
    Supervision,
    SupervisorProfile,
)

logger = logging.getLogger(__name__)

MAX_HOURS_PER_DAY = Decimal(24)
SIGNING_SESSION_KEY = "hours_signing_confirmed_at"
SIGNING_WINDOW = datetime.timedelta(minutes=15)
ENTRY_FIELDS = (
    "category",
    "date",
    "hours",
    "setting",
    "description",
    "supervision_type",
    "client_code",
)
Status = HoursEntry.Status


# --- Who may see what ------------------------------------------------------------------


def visible_entries(user):
    """A learner sees their own entries; a supervisor those of learners they supervise in
    that programme, while the supervision is active and dated within it; a programme lead
    those of their cohorts' members in that programme; administrators all of them."""
    entries = HoursEntry.objects.all()
    if not user.is_authenticated:
        return entries.none()
    if is_administrator(user):
        return entries
    led = Exists(
        Cohort.objects.filter(
            lead=user, programme=OuterRef("programme"), members=OuterRef("learner")
        )
    )
    supervised = entries.supervised_by(user).values("pk")
    return entries.filter(Q(learner=user) | Q(pk__in=supervised) | led)


def may_follow(user, *, learner, programme) -> bool:
    """Progress (totals, no entry detail) is shown to the learner, a supervisor with an
    active supervision of them in that programme, the lead of a cohort they belong to in
    that programme, and administrators."""
    if not user.is_authenticated:
        return False
    if user.pk == learner.pk or is_administrator(user):
        return True
    return (
        Supervision.objects.active()
        .of(supervisor=user, learner=learner, programme=programme)
        .exists()
        or Cohort.objects.filter(lead=user, programme=programme, members=learner).exists()
    )


def may_export(user, *, learner, programme) -> bool:
    """The full log goes to the learner, the lead of their cohort in the programme and
    administrators; a supervisor's view is limited to their own supervision period."""
    if not user.is_authenticated:
        return False
    return (
        user.pk == learner.pk
        or is_administrator(user)
        or Cohort.objects.filter(lead=user, programme=programme, members=learner).exists()
    )


def may_decide(supervisor, entry: HoursEntry) -> bool:
    """Only a supervisor with an active supervision of the entry's learner in its
    programme, that began on or before the entry's date, may sign or return it."""
    return (
        Supervision.objects.active()
        .of(supervisor=supervisor, learner=entry.learner_id, programme=entry.programme_id)
        .filter(starts_on__lte=entry.date)
        .exists()
    )


def learner_programmes(learner):
    """The programmes a learner logs hours in: enrolled in or supervised in, and with
    practice categories."""
    from courses.models import ProgrammePage

    enrolled = Enrolment.objects.active().filter(learner=learner, programme=OuterRef("pk"))
    supervised = Supervision.objects.filter(learner=learner, programme=OuterRef("pk"))
    with_categories = PracticeCategory.objects.filter(programme=OuterRef("pk"), active=True)
    return (
        ProgrammePage.objects.filter(Exists(with_categories))
        .filter(Exists(enrolled) | Exists(supervised))
        .order_by("title")
    )


# --- Validation ------------------------------------------------------------------------


def check_entry(entry: HoursEntry, *, category_changed: bool = True) -> None:
    """An entry is valid when: its fields pass their own checks (quarter hours above 0,
    a client code that identifies no one); the date is not in the future; the category
    is on the programme's list (and still open for new hours when chosen now); supervision
    received says individual or group; and the learner's entries on that day, the
    corrected original left out, add up to at most 24 hours.

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
        day = (
            HoursEntry.objects.filter(learner=entry.learner_id, date=entry.date)
            .exclude(pk=entry.pk)
            .exclude(pk=entry.corrects_id)
            .exclude(corrections__status=Status.APPROVED)
            .aggregate(total=Sum("hours"))["total"]
        ) or Decimal(0)
        if day + Decimal(entry.hours) > MAX_HOURS_PER_DAY:
            errors["hours"].append(
                _(
                    "Your entries on %(date)s would add up to more than 24 hours "
                    "(%(logged)s hours are already logged that day)."
                )
                % {"date": entry.date.isoformat(), "logged": _hours(day)}
            )
    if errors:
        raise ValidationError(dict(errors))


def _hours(value) -> str:
    return f"{Decimal(value or 0).normalize():f}"


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
        hours=_hours(entry.hours),
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
        hours=_hours(entry.hours),
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
    for entry in locked:
        _require_owner(entry, by)
        if entry.status not in HoursEntry.EDITABLE:
            raise ValidationError(
                _("Entry of %(date)s (%(hours)s h) is not a draft or returned entry.")
                % {"date": entry.date.isoformat(), "hours": _hours(entry.hours)},
                code="not_editable",
            )
        try:
            check_entry(entry, category_changed=False)
        except ValidationError as error:
            raise ValidationError(
                _("Entry of %(date)s cannot be submitted: %(reason)s")
                % {"date": entry.date.isoformat(), "reason": " ".join(error.messages)}
            ) from error
        entry.status = Status.SUBMITTED
        entry.submitted_at = now
        entry.digest_sent_at = None
        entry.save(update_fields=["status", "submitted_at", "digest_sent_at", "updated_at"])
        record(actor=by, action="hours.submitted", target=entry)
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


# --- The supervisor's side -------------------------------------------------------------


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
    entry: HoursEntry, *, supervisor, comment: str = "", reevaluate: bool = True
) -> HoursEntry:
    """The supervisor's e-signature. Only a submitted entry, only by a supervisor who may
    decide it (``may_decide``), and only with a supervisor profile: the signature copies
    their name, credential and licence number, the UTC time, and a SHA-256 of the entry's
    content. From then on the entry is locked. The row is locked first, so of many
    simultaneous decisions exactly one wins."""
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
    if reevaluate:
        from .eligibility import note_event

        note_event(learner=entry.learner, programme=entry.programme)
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
    """Approve or return many entries at once. Each decision is its own signature and
    transaction; an entry someone else decided in the meantime is skipped and reported,
    not an error for the rest. A return without a comment changes nothing."""
    if not approve_them and not (comment or "").strip():
        raise ValidationError(
            {"comment": _("Say what needs changing: returning an entry needs a comment.")}
        )
    decisions = Decisions()
    for entry in entries:
        try:
            if approve_them:
                decisions.done.append(
                    approve(entry, supervisor=supervisor, comment=comment, reevaluate=False)
                )
            else:
                decisions.done.append(return_entry(entry, supervisor=supervisor, comment=comment))
        except ValidationError as error:
            if getattr(error, "code", None) == "no_profile":
                raise
            decisions.skipped.append((entry, " ".join(error.messages)))
    if approve_them:
        # Certification standing once per learner and programme, not once per entry.
        from .eligibility import note_event

        pairs = {(e.learner_id, e.programme_id): e for e in decisions.done}
        for entry in pairs.values():
            note_event(learner=entry.learner, programme=entry.programme)
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


# --- Totals and progress ---------------------------------------------------------------


def approved_hours_by_category(learners, programme=None) -> dict[int, dict[int, Decimal]]:
    """Approved hours per category for many learners at once, in one query:
    ``{learner_id: {category_id: hours}}``. An approved correction counts instead of the
    entry it corrects; a correction that is not yet approved counts for nothing."""
    ids = [getattr(learner, "pk", learner) for learner in learners]
    rows = HoursEntry.objects.counted().filter(learner__in=ids)
    if programme is not None:
        rows = rows.filter(programme=programme)
    totals: dict[int, dict[int, Decimal]] = {learner_id: {} for learner_id in ids}
    for row in rows.values("learner_id", "category_id").annotate(total=Sum("hours")).order_by():
        totals[row["learner_id"]][row["category_id"]] = row["total"]
    return totals


def _summary(learner_ids: list[int], programme) -> dict[int, dict[int, dict[str, Decimal]]]:
    superseded = HoursEntry.objects.filter(corrects=OuterRef("pk"), status=Status.APPROVED)
    rows = (
        HoursEntry.objects.filter(learner__in=learner_ids, programme=programme)
        .values("learner_id", "category_id")
        .annotate(
            approved=Sum("hours", filter=Q(status=Status.APPROVED) & ~Exists(superseded)),
            pending=Sum("hours", filter=Q(status=Status.SUBMITTED)),
            returned=Sum("hours", filter=Q(status=Status.RETURNED)),
            draft=Sum("hours", filter=Q(status=Status.DRAFT)),
        )
        .order_by()
    )
    summary: dict = defaultdict(dict)
    for row in rows:
        summary[row["learner_id"]][row["category_id"]] = {
            key: row[key] or Decimal(0) for key in ("approved", "pending", "returned", "draft")
        }
    return summary


@dataclass
class CategoryProgress:
    category: PracticeCategory
    approved: Decimal = Decimal(0)
    pending: Decimal = Decimal(0)
    returned: Decimal = Decimal(0)
    draft: Decimal = Decimal(0)

    @property
    def required(self) -> Decimal:
        return self.category.required_hours

    @property
    def met(self) -> bool:
        return self.approved >= self.required

    @property
    def missing(self) -> Decimal:
        return max(self.required - self.approved, Decimal(0))


@dataclass
class Progress:
    """Where a learner stands against a programme's hours requirement."""

    learner: object
    programme: object
    requirement: HoursRequirement | None
    categories: list[CategoryProgress]

    def _sum(self, name: str) -> Decimal:
        return sum((getattr(line, name) for line in self.categories), Decimal(0))

    @property
    def approved(self) -> Decimal:
        return self._sum("approved")

    @property
    def pending(self) -> Decimal:
        return self._sum("pending")

    @property
    def returned(self) -> Decimal:
        return self._sum("returned")

    @property
    def required(self) -> Decimal:
        return self.requirement.total_hours if self.requirement else Decimal(0)

    @property
    def supervision_received(self) -> Decimal:
        return sum(
            (line.approved for line in self.categories if line.category.is_supervision),
            Decimal(0),
        )

    @property
    def practice(self) -> Decimal:
        return self.approved - self.supervision_received

    @property
    def supervision_required(self) -> Decimal | None:
        """Supervision the approved practice hours call for under the programme's ratio."""
        ratio = self.requirement and self.requirement.practice_hours_per_supervision_hour
        if not ratio:
            return None
        return (self.practice / ratio).quantize(Decimal("0.01"))

    @property
    def ratio_met(self) -> bool:
        needed = self.supervision_required
        return needed is None or self.supervision_received >= needed

    @property
    def met(self) -> bool:
        return (
            self.approved >= self.required
            and all(line.met for line in self.categories)
            and self.ratio_met
        )


def progress_for(learners, programme) -> dict[int, Progress]:
    """Requirement progress for many learners in one programme, in three queries
    (categories, requirement, sums) whatever the number of learners or entries."""
    learners = list(learners)
    categories = list(programme.practice_categories.order_by("sort_order", "name"))
    requirement = HoursRequirement.objects.filter(programme=programme).first()
    summary = _summary([learner.pk for learner in learners], programme)
    result = {}
    for learner in learners:
        sums = summary.get(learner.pk, {})
        lines = [CategoryProgress(category, **sums.get(category.pk, {})) for category in categories]
        result[learner.pk] = Progress(learner, programme, requirement, lines)
    return result


def progress(learner, programme) -> Progress:
    """Requirement progress for one learner in one programme."""
    return progress_for([learner], programme)[learner.pk]


def history(entry: HoursEntry):
    """The entry's audit events, oldest first: created, edited, submitted, returned with
    the comment, approved with the signature, corrected."""
    return list(events_for(entry).order_by("created_at", "pk"))


# --- Export ----------------------------------------------------------------------------


@dataclass
class Export:
    learner: object
    programme: object
    entries: list[HoursEntry]
    totals: list[tuple[PracticeCategory, Decimal]]
    period_start: datetime.date | None
    period_end: datetime.date | None
    produced_at: datetime.datetime

    @property
    def total(self) -> Decimal:
        return sum((hours for _category, hours in self.totals), Decimal(0))


def export_data(learner, programme, *, start=None, end=None) -> Export:
    """The approved (signed) log of a learner in a programme for a certification board,
    optionally for a period. Totals count what the requirement counts: approved entries,
    with an approved correction instead of the entry it corrects."""
    entries = (
        HoursEntry.objects.approved()
        .filter(learner=learner, programme=programme)
        .select_related("category", "corrects")
        .annotate(
            superseded=Exists(
                HoursEntry.objects.filter(corrects=OuterRef("pk"), status=Status.APPROVED)
            )
        )
        .order_by("date", "pk")
    )
    if start:
        entries = entries.filter(date__gte=start)
    if end:
        entries = entries.filter(date__lte=end)
    entries = list(entries)
    sums: dict[int, Decimal] = defaultdict(Decimal)
    for entry in entries:
        if not entry.superseded:
            sums[entry.category_id] += entry.hours
    categories = list(programme.practice_categories.order_by("sort_order", "name"))
    return Export(
        learner=learner,
        programme=programme,
        entries=entries,
        totals=[(category, sums.get(category.pk, Decimal(0))) for category in categories],
        period_start=start or (entries[0].date if entries else None),
        period_end=end or (entries[-1].date if entries else None),
        produced_at=timezone.now(),
    )


def write_csv(export: Export, out) -> None:
    """One row per signed entry, then the totals per category."""
    import csv

    writer = csv.writer(out)
    writer.writerow(
        [
            _("Entry"), _("Date"), _("Category"), _("Hours"), _("Setting or site"),
            _("What you did"), _("Supervision type"), _("Client code"), _("Corrects entry"),
            _("Counted"), _("Supervisor"), _("Credential"), _("Licence number"),
            _("Signed (UTC)"), _("SHA-256"),
        ]
    )  # fmt: skip
    for entry in export.entries:
        writer.writerow(
            [spreadsheet_safe(value) for value in (
                entry.pk, entry.date.isoformat(), entry.category.name, _hours(entry.hours),
                entry.setting, entry.description, entry.get_supervision_type_display(),
                entry.client_code, entry.corrects_id or "",
                _("no, corrected") if entry.superseded else _("yes"),
                entry.signer_name, entry.signer_credential, entry.signer_licence_number,
                entry.signed_at_utc.strftime("%Y-%m-%dT%H:%M:%SZ"), entry.content_sha256,
            )]
        )  # fmt: skip
    writer.writerow([])
    writer.writerow([_("Totals"), _("Category"), _("Approved hours")])
    for category, hours in export.totals:
        writer.writerow(["", spreadsheet_safe(category.name), _hours(hours)])
    writer.writerow(["", _("Total"), _hours(export.total)])


def export_html(export: Export) -> str:
    return render_to_string("learners/hours/export_pdf.html", {"export": export})


def render_pdf(export: Export) -> bytes:
    """The log as a PDF, rendered without access to any file or network resource."""
    return html_to_pdf(export_html(export))


# --- Notifications ---------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_returned(entry_id: int) -> None:
    """The learner is e-mailed when a supervisor returns an entry, with the comment."""
    entry = HoursEntry.objects.select_related("learner", "category").filter(pk=entry_id).first()
    if entry is None or not entry.learner.email:
        return
    context = {
        "entry": entry,
        "learner": entry.learner,
        "url": _absolute(reverse("learners:hours_entry", args=[entry.pk])),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("learners/hours/email/returned_subject.txt", context)
        body = render_to_string("learners/hours/email/returned_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [entry.learner.email])


def send_supervisor_digests(*, now: datetime.datetime | None = None) -> int:
    """Each supervisor with newly submitted entries waiting gets one e-mail listing what
    waits — never one mail per entry. An entry is announced once. Returns mails sent."""
    now = now or timezone.now()
    unannounced = HoursEntry.objects.filter(
        status=Status.SUBMITTED,
        digest_sent_at__isnull=True,
        learner=OuterRef("learner"),
        programme=OuterRef("programme"),
        date__gte=OuterRef("starts_on"),
    )
    supervisions = Supervision.objects.active().filter(Exists(unannounced))
    supervisor_ids = set(supervisions.values_list("supervisor_id", flat=True))
    sent = 0
    for supervisor in get_user_model().objects.filter(pk__in=supervisor_ids):
        waiting = list(HoursEntry.objects.pending_for(supervisor))
        new = [entry for entry in waiting if entry.digest_sent_at is None]
        if not new or not supervisor.email:
            continue
        learners = defaultdict(list)
        for entry in waiting:
            learners[entry.learner].append(entry)
        context = {
            "supervisor": supervisor,
            "waiting": waiting,
            "new": new,
            "learners": dict(learners),
            "url": _absolute(reverse("learners:signoff")),
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string("learners/hours/email/digest_subject.txt", context)
            body = render_to_string("learners/hours/email/digest_body.txt", context)
        send_mail(" ".join(subject.split()), body, None, [supervisor.email])
        HoursEntry.objects.filter(pk__in=[entry.pk for entry in new]).update(digest_sent_at=now)
        sent += 1
    return sent


# --- Demo data -------------------------------------------------------------------------

DEMO_CATEGORIES = [
    # key, name, required hours, is supervision
    ("individuelle-samtaler", "Individuelle samtaler", Decimal(100), False),
    ("gruppesamtaler", "Gruppesamtaler og gruppeveiledning", Decimal(60), False),
    ("saksbehandling", "Saksbehandling og koordinering", Decimal(40), False),
    ("dokumentasjon", "Dokumentasjon og journalføring", Decimal(30), False),
    ("mottatt-veiledning", "Mottatt veiledning", Decimal(30), True),
]


@transaction.atomic
def load_demo_hours(*, supervisor, learners, assigned_by=None) -> None:
    """The rusrådgiver programme's practice categories and requirement (300 hours, one
    hour of supervision per 10 practice hours), the demo supervisor's profile and their
    supervision of the demo learners. Idempotent: what exists is left as it is."""
    from courses.models import ProgrammePage

    programme = ProgrammePage.objects.filter(content_key="rusradgiver").first()
    if programme is None:
        return
    for order, (slug, name, required, is_supervision) in enumerate(DEMO_CATEGORIES):
        PracticeCategory.objects.get_or_create(
            programme=programme,
            slug=slug,
            defaults={
                "name": name,
                "required_hours": required,
                "is_supervision": is_supervision,
                "sort_order": order,
            },
        )
    HoursRequirement.objects.get_or_create(
        programme=programme,
        defaults={"total_hours": Decimal(300), "practice_hours_per_supervision_hour": 10},
    )
    SupervisorProfile.objects.get_or_create(
        user=supervisor,
        defaults={
            "credential": "Klinisk sosionom, spesialist i rusfeltet",
            "licence_number": "HPR 9876543",
        },
    )
    starts_on = timezone.localdate().replace(month=1, day=1)
    for learner in learners:
        Supervision.objects.get_or_create(
            learner=learner,
            supervisor=supervisor,
            programme=programme,
            defaults={"starts_on": starts_on, "assigned_by": assigned_by},
        )
