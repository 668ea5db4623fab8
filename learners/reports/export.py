"""The cohort report as plain tables: the matrix and its summaries, written to CSV and
XLSX. The page renders the same ``CohortReport``, so the three never disagree."""

import io
import re
from decimal import Decimal

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


def write_csv(report: CohortReport, out) -> None:
    writer = csv_writer(out)
    for values in matrix(report):
        writer.writerow([_cell(v) for v in values])
    for title, table in summaries(report):
        writer.writerow([])
        writer.writerow([title])
        for values in table:
            writer.writerow([_cell(v) for v in values])


def write_xlsx(report: CohortReport) -> bytes:
    """A workbook with the matrix on the first sheet and one sheet per summary."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Matrix")[:31]
    sheets = [(sheet, matrix(report))]
    for title, table in summaries(report):
        sheets.append((workbook.create_sheet(title[:31]), table))
    for ws, table in sheets:
        for values in table:
            ws.append([_xlsx_cell(v) for v in values])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
