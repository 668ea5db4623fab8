"""The signed log for a certification board: CSV and a PDF rendered without access to any
file or network resource."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.documents import start_document
from cms.formats import format_hours
from cms.pdf import html_to_pdf
from cms.spreadsheets import csv_writer
from courses.models import ProgrammePage

from .models import HoursEntry, PracticeCategory

Status = HoursEntry.Status


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
    writer = csv_writer(out)
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
            [
                entry.pk, entry.date.isoformat(), entry.category.name, format_hours(entry.hours),
                entry.setting, entry.description, entry.get_supervision_type_display(),
                entry.client_code, entry.corrects_id or "",
                _("no, corrected") if entry.superseded else _("yes"),
                entry.signer_name, entry.signer_credential, entry.signer_licence_number,
                entry.signed_at_utc.strftime("%Y-%m-%dT%H:%M:%SZ"), entry.content_sha256,
            ]
        )  # fmt: skip
    writer.writerow([])
    writer.writerow([_("Totals"), _("Category"), _("Approved hours")])
    for category, hours in export.totals:
        writer.writerow(["", category.name, format_hours(hours)])
    writer.writerow(["", _("Total"), format_hours(export.total)])


def export_html(export: Export) -> str:
    return render_to_string("learners/hours/export_pdf.html", {"export": export})


def render_pdf(export: Export) -> bytes:
    """The log as a PDF, rendered without access to any file or network resource."""
    return html_to_pdf(export_html(export))


HOURS_PDF = "hours-pdf"


def start_pdf(by, learner, programme, *, start=None, end=None):
    """Queue the signed log as a PDF for ``by`` (who may export it: ``may_export``), to
    be rendered in the background by ``render_document``; returns the
    ``cms.documents`` row whose page shows the progress."""
    name = learner.get_full_name() or learner.get_username()
    return start_document(
        owner=by,
        kind=HOURS_PDF,
        title=_("Supervised practice hours: %(name)s, %(programme)s")
        % {"name": name, "programme": programme.title},
        filename=f"hours-{programme.slug}-{learner.get_username()}.pdf",
        params={
            "learner": learner.pk,
            "programme": programme.pk,
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
        },
    )


def render_document(document, progress) -> bytes:
    """The signed log of ``start_pdf`` as a PDF, for ``cms.documents`` (in the
    background: a long log takes seconds to lay out)."""
    params = document.params
    learner = get_user_model().objects.get(pk=params["learner"])
    programme = ProgrammePage.objects.get(pk=params["programme"])
    progress(0, 2)
    data = export_data(learner, programme, start=_day(params["start"]), end=_day(params["end"]))
    progress(1, 2)
    return render_pdf(data)


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
