"""Enrolment from a CSV file a lead uploads: each row enrolled through ``progress.enrol``
on its own, each problem reported with its line."""

import csv
import io
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cms.people import PersonNotFound, find_person
from courses.models import ProgrammePage
from learners.cohorts.models import Cohort

from .models import Enrolment
from .progress import enrol

EXTRA_CELLS = "\x00extra"  # DictReader's key for cells beyond the header (never a column name)


@dataclass
class RowResult:
    line: int
    who: str
    ok: bool
    message: str


def enrol_from_csv(*, programme: ProgrammePage, data: str, actor) -> list[RowResult]:
    """Enrol people listed in CSV (columns ``email`` or ``username``, optional ``cohort``).

    Each row stands alone: a bad row is reported and never stops the good ones, and a
    row is applied completely or not at all. Any line ending (CRLF, LF, CR alone) is
    read; a row with more cells than the header is refused, as is a file the CSV reader
    cannot read (a cell longer than its limit, an unclosed quote), with the line.
    """
    text = data.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey=EXTRA_CELLS)
    try:
        fields = {name.strip().lower() for name in (reader.fieldnames or [])}
    except csv.Error:
        fields = set()
    if not fields & {"email", "username"}:
        return [
            RowResult(1, "", False, _("The first line must name an 'email' or 'username' column."))
        ]
    results = []
    rows = iter(reader)
    while True:
        try:
            raw = next(rows)
        except StopIteration:
            break
        except csv.Error:
            results.append(
                RowResult(reader.line_num + 1, "", False, _("This line could not be read as CSV."))
            )
            break
        line = reader.line_num
        if EXTRA_CELLS in raw:
            results.append(
                RowResult(line, "", False, _("This line has more cells than the first line."))
            )
            continue
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        who = row.get("email") or row.get("username") or ""
        if not who:
            results.append(RowResult(line, who, False, _("No e-mail or username.")))
            continue
        try:
            learner = find_person(who)
        except PersonNotFound as problem:
            results.append(RowResult(line, who, False, str(problem)))
            continue
        cohort = None
        if row.get("cohort"):
            cohort = Cohort.objects.filter(programme=programme, name=row["cohort"]).first()
            if cohort is None:
                results.append(
                    RowResult(
                        line,
                        who,
                        False,
                        _("No cohort “%(name)s” in this programme.") % {"name": row["cohort"]},
                    )
                )
                continue
        try:
            with transaction.atomic():
                before = Enrolment.objects.filter(learner=learner, programme=programme).first()
                enrol(learner=learner, programme=programme, cohort=cohort, actor=actor)
                if cohort:
                    cohort.members.add(learner)
        except IntegrityError:
            results.append(RowResult(line, who, False, _("Could not be saved; try again.")))
            continue
        if before is None:
            message = _("Enrolled.")
        elif before.status == Enrolment.Status.WITHDRAWN:
            message = _("Enrolled again; earlier progress restored.")
        else:
            message = _("Already enrolled.")
        results.append(RowResult(line, who, True, message))
    return results


# --- progress ---------------------------------------------------------------------------
