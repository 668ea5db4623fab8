"""The cohort report as plain tables: the matrix and its summaries, written to CSV and
XLSX. The page renders the same ``CohortReport``, so the three never disagree."""

import re
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from typing import IO

from django.utils.translation import gettext as _

from cms.spreadsheets import csv_writer, spreadsheet_safe

from .report import STATUS_LABELS, CohortReport

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def matrix(report: CohortReport) -> list[list]:
    """The matrix as a table of plain values: a header row, then one row per learner
    (name, department, one status per module, completed, hours). The page, the CSV and
    the XLSX all hold exactly this."""
    header = [_("Learner"), _("Department")]
    header += [module.title for module in report.modules]
    header += [_("Modules completed"), _("Approved hours"), _("Required hours")]
    header += [_("Attended session hours")]
    if report.certificates_available:
        header.append(_("Certificate"))
    table = [header]
    for row in report.rows:
        values = [row.name, row.department, *(cell.label for cell in row.cells)]
        values += [row.completed, row.hours.approved, row.hours.required, row.attended]
        if report.certificates_available:
            values.append(row.certificate_label)
        table.append(values)
    return table


def summaries(report: CohortReport) -> list[tuple[str, list[list]]]:
    """The summaries under the matrix: totals per module, exams, hours."""
    modules = [[_("Module"), _("Complete by"), *(str(label) for label in STATUS_LABELS.values())]]
    modules[0].append(_("Completed (%)"))
    for total in report.totals:
        modules.append(
            [
                total.module.title,
                total.deadline.isoformat() if total.deadline else "",
                *(total.counts[key] for key in STATUS_LABELS),
                total.percent,
            ]
        )
    exams = [[_("Exam"), _("Attempts"), _("Learners who sat it"), _("Passed"), _("Pass rate (%)")]]
    exams[0].append(_("Average score (%)"))
    for exam in report.exams:
        exams.append(
            [
                exam.exam.title,
                exam.attempts,
                exam.candidates,
                exam.passed,
                "" if exam.pass_rate is None else exam.pass_rate,
                "" if exam.average is None else exam.average,
            ]
        )
    hours = [
        [_("Learners"), _("Meeting the hours requirement"), _("Approved hours")],
    ]
    hours[0] += [_("Required hours each"), _("Attended session hours")]
    hours.append(
        [
            len(report.rows),
            report.hours_met,
            report.approved_hours,
            report.hours_required,
            report.attended_hours,
        ]
    )
    return [(_("Modules"), modules), (_("Exams"), exams), (_("Hours"), hours)]


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return value


def _xlsx_cell(value):
    """A cell for openpyxl, which refuses control characters in text (a 500 otherwise)."""
    value = _cell(value)
    return _CONTROL.sub("", value) if isinstance(value, str) else value


class _Line:
    """A file that keeps only what was last written: one CSV line at a time."""

    def write(self, text: str) -> str:
        return text


def csv_lines(report: CohortReport) -> Iterator[str]:
    """The CSV of ``write_csv`` line by line, for a streamed response (with a byte-order
    mark first, so spreadsheet programs read UTF-8)."""
    yield "\ufeff"
    writer = csv_writer(_Line())
    for values in matrix(report):
        yield writer.writerow([_cell(v) for v in values])
    for title, table in summaries(report):
        yield writer.writerow([])
        yield writer.writerow([title])
        for values in table:
            yield writer.writerow([_cell(v) for v in values])


def write_csv(report: CohortReport, out) -> None:
    writer = csv_writer(out)
    for values in matrix(report):
        writer.writerow([_cell(v) for v in values])
    for title, table in summaries(report):
        writer.writerow([])
        writer.writerow([title])
        for values in table:
            writer.writerow([_cell(v) for v in values])


def write_xlsx(report: CohortReport) -> IO[bytes]:
    """A workbook with the matrix on the first sheet and one sheet per summary, written
    row by row (openpyxl's write-only mode) into a temporary file, returned rewound for
    streaming."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheets = [(_("Matrix"), matrix(report)), *summaries(report)]
    for title, table in sheets:
        ws = workbook.create_sheet(title[:31])
        ws.freeze_panes = "A2"
        for number, values in enumerate(table):
            cells = [_xlsx_cell(v) for v in values]
            if number == 0:
                cells = [_bold(ws, value, WriteOnlyCell, Font) for value in cells]
            ws.append(cells)
    out = tempfile.TemporaryFile()
    workbook.save(out)
    out.seek(0)
    return out


def _bold(ws, value, cell_type, font_type):
    cell = cell_type(ws, value=value)
    cell.font = font_type(bold=True)
    return cell
