"""The cohort report: learners × modules, totals, exams, hours, charts, and exports.

Everything the page, the CSV and the XLSX show comes from one ``CohortReport`` built by
``build_report``, so the three never disagree. Building it costs a fixed number of
queries whatever the number of learners or modules.
"""

import csv
import datetime
import io
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models import Attempt, ExamPage
from cms.spreadsheets import spreadsheet_safe
from courses.models import ModulePage
from learners.certification.models import Certificate
from learners.cohorts.models import Cohort, Department, ModuleDeadline
from learners.cohorts.sessions import hours_by_learner
from learners.hours import rules as hours_rules
from learners.journey.models import ModuleProgress

NOT_STARTED, IN_PROGRESS, COMPLETED, PASSED = "not_started", "in_progress", "completed", "passed"
STATUS_LABELS = {
    NOT_STARTED: gettext_lazy("Not started"),
    IN_PROGRESS: gettext_lazy("In progress"),
    COMPLETED: gettext_lazy("Completed"),
    PASSED: gettext_lazy("Passed"),
}
# The learner's overall status, used by the status filter.
OVERALL = (NOT_STARTED, IN_PROGRESS, COMPLETED)
SORTS = ("name", "-name", "department", "progress", "-progress")


@dataclass
class Cell:
    """One learner in one module. "Passed" means completed with the module's exam
    passed; "completed" that the completion rule is met; "in progress" that the learner
    opened or saved the module."""

    status: str = NOT_STARTED
    started_at: datetime.datetime | None = None
    completed_at: datetime.datetime | None = None
    passed_at: datetime.datetime | None = None

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def done(self) -> bool:
        return self.status in (COMPLETED, PASSED)


def cell_for(progress: ModuleProgress | None) -> Cell:
    if progress is None:
        return Cell()
    if progress.completed_at and progress.passed_at:
        status = PASSED
    elif progress.completed_at:
        status = COMPLETED
    else:
        status = IN_PROGRESS
    return Cell(status, progress.started_at, progress.completed_at, progress.passed_at)


@dataclass
class Row:
    learner: object
    department: str
    cells: list[Cell]
    hours: object  # learners.hours.Progress
    attended: Decimal
    certificate: object = None

    @property
    def certificate_label(self) -> str:
        """The serial and its state, e.g. "PRK-2026-0001 (Valid)"; empty without one."""
        if self.certificate is None:
            return ""
        return f"{self.certificate.serial} ({self.certificate.state_label})"

    @property
    def name(self) -> str:
        return self.learner.get_full_name() or self.learner.get_username()

    @property
    def completed(self) -> int:
        return sum(1 for cell in self.cells if cell.done)

    @property
    def status(self) -> str:
        if self.cells and self.completed == len(self.cells):
            return COMPLETED
        if any(cell.status != NOT_STARTED for cell in self.cells):
            return IN_PROGRESS
        return NOT_STARTED


@dataclass
class ModuleTotal:
    module: ModulePage
    deadline: datetime.date | None
    counts: dict[str, int]
    learners: int

    @property
    def done(self) -> int:
        return self.counts[COMPLETED] + self.counts[PASSED]

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.learners) if self.learners else 0


@dataclass
class ExamSummary:
    exam: object
    attempts: int
    candidates: int
    passed: int
    average: Decimal | None

    @property
    def pass_rate(self) -> int | None:
        """Share of learners who sat the exam that passed it (in any attempt)."""
        return round(100 * self.passed / self.candidates) if self.candidates else None


@dataclass
class Point:
    day: datetime.date
    completed: int
    percent: float


@dataclass
class CohortReport:
    cohort: Cohort
    modules: list[ModulePage]
    rows: list[Row]
    totals: list[ModuleTotal]
    exams: list[ExamSummary]
    departments: list[Department]
    timeline: list[Point]
    hours_required: Decimal
    certificates_available: bool
    filters: dict = field(default_factory=dict)

    @property
    def approved_hours(self) -> Decimal:
        return sum((row.hours.approved for row in self.rows), Decimal(0))

    @property
    def attended_hours(self) -> Decimal:
        return sum((row.attended for row in self.rows), Decimal(0))

    @property
    def hours_met(self) -> int:
        return sum(1 for row in self.rows if row.hours.met)


def certificates_for(learner_ids, programme) -> dict:
    """``{learner_id: certificate}``: each learner's current certificate in ``programme``
    (the newest one not superseded by another), in one query."""
    current = Certificate.objects.filter(
        learner__in=learner_ids, programme=programme, superseded_by__isnull=True
    ).order_by("learner_id", "-issued_on", "-pk")
    result = {}
    for certificate in current:
        result.setdefault(certificate.learner_id, certificate)
    return result


def build_report(
    cohort: Cohort, *, department: int | None = None, status: str = "", sort: str = "name"
) -> CohortReport:
    """The cohort's learners × modules matrix and its summaries, filtered by department
    and overall status and sorted. Totals, exams and charts describe the rows shown."""
    programme = cohort.programme
    modules = list(programme.modules())
    departments = list(Department.objects.filter(organisation=cohort.organisation_id))
    members = list(
        cohort.members.order_by("last_name", "first_name", "username").prefetch_related(
            Prefetch(
                "departments",
                queryset=Department.objects.filter(organisation=cohort.organisation_id),
                to_attr="org_departments",
            )
        )
    )
    progress_rows = ModuleProgress.objects.filter(
        learner__cohorts=cohort, module__in=[m.pk for m in modules]
    ).only("learner_id", "module_id", "started_at", "completed_at", "passed_at")
    by_cell = {(p.learner_id, p.module_id): p for p in progress_rows}
    hours = hours_rules.progress_for(members, programme)
    attended = hours_by_learner([m.pk for m in members], programme)
    certificates = certificates_for([m.pk for m in members], programme)

    rows = []
    for member in members:
        depts = member.org_departments
        if department and department not in {d.pk for d in depts}:
            continue
        row = Row(
            learner=member,
            department=", ".join(d.name for d in depts),
            cells=[cell_for(by_cell.get((member.pk, m.pk))) for m in modules],
            hours=hours[member.pk],
            attended=attended.get(member.pk, Decimal(0)),
            certificate=certificates.get(member.pk),
        )
        if status and row.status != status:
            continue
        rows.append(row)
    rows = sort_rows(rows, sort)

    deadlines = dict(
        ModuleDeadline.objects.filter(cohort=cohort).values_list("module_id", "due_on")
    )
    totals = []
    for index, module in enumerate(modules):
        counts = dict.fromkeys(STATUS_LABELS, 0)
        for row in rows:
            counts[row.cells[index].status] += 1
        totals.append(ModuleTotal(module, deadlines.get(module.pk), counts, len(rows)))

    shown = [row.learner.pk for row in rows]
    exams = list(ExamPage.objects.descendant_of(programme).live().order_by("path"))
    stats = {
        row["exam_id"]: row
        for row in Attempt.objects.final()
        .filter(exam__in=exams, learner__in=shown)
        .values("exam_id")
        .annotate(
            attempts=Count("pk"),
            candidates=Count("learner", distinct=True),
            passed=Count("learner", distinct=True, filter=Q(status=Attempt.Status.PASSED)),
            average=Avg("percent"),
        )
        .order_by()
    }
    exam_summaries = []
    for exam in exams:
        s = stats.get(exam.pk, {})
        average = s.get("average")
        exam_summaries.append(
            ExamSummary(
                exam,
                s.get("attempts", 0),
                s.get("candidates", 0),
                s.get("passed", 0),
                Decimal(average).quantize(Decimal("0.1")) if average is not None else None,
            )
        )
    requirement = next(iter(hours.values())).required if hours else Decimal(0)
    return CohortReport(
        cohort=cohort,
        modules=modules,
        rows=rows,
        totals=totals,
        exams=exam_summaries,
        departments=departments,
        timeline=timeline(rows, len(modules), start=cohort.created_at),
        hours_required=requirement,
        certificates_available=True,
        filters={"department": department, "status": status, "sort": sort},
    )


def sort_rows(rows: list[Row], sort: str) -> list[Row]:
    """Sort by name (default), department, or progress (completed modules, then name)."""
    by_name = sorted(rows, key=lambda r: (r.name.casefold(), r.learner.pk))
    if sort == "-name":
        return by_name[::-1]
    if sort == "department":
        return sorted(by_name, key=lambda r: (r.department == "", r.department.casefold()))
    if sort == "progress":
        return sorted(by_name, key=lambda r: r.completed)
    if sort == "-progress":
        return sorted(by_name, key=lambda r: -r.completed)
    return by_name


def timeline(rows: list[Row], module_count: int, *, start, today=None) -> list[Point]:
    """Cumulative module completions of the shown learners, one point per week (or per
    few weeks, at most 53 points) from the cohort's start until today."""
    today = today or timezone.localdate()
    days = [
        timezone.localdate(cell.completed_at)
        for row in rows
        for cell in row.cells
        if cell.completed_at
    ]
    first = min([timezone.localdate(start), *days]) if start else min(days or [today])
    weeks = max(1, math.ceil(((today - first).days + 1) / 7))
    step = max(1, math.ceil(weeks / 52))
    possible = len(rows) * module_count
    per_day = defaultdict(int)
    for day in days:
        per_day[day] += 1
    ordered = sorted(per_day.items())
    points, total, index = [], 0, 0
    day = first
    while True:
        day = min(day, today)
        while index < len(ordered) and ordered[index][0] <= day:
            total += ordered[index][1]
            index += 1
        points.append(Point(day, total, round(100 * total / possible, 1) if possible else 0.0))
        if day >= today:
            return points
        day = day + datetime.timedelta(days=7 * step)


# --- charts ----------------------------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT, PAD = 640, 220, 40


def line_chart(points: list[Point]) -> dict:
    """Coordinates for the progress-over-time SVG: percent of all learner-modules
    completed, 0–100 on the y axis, time on the x axis."""
    inner_w, inner_h = CHART_WIDTH - 2 * PAD, CHART_HEIGHT - 2 * PAD
    count = len(points)
    coords = []
    for i, point in enumerate(points):
        x = PAD + (inner_w * i / (count - 1) if count > 1 else inner_w / 2)
        y = PAD + inner_h * (1 - point.percent / 100)
        coords.append((round(x, 1), round(y, 1)))
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "pad": PAD,
        "bottom": CHART_HEIGHT - PAD,
        "right": CHART_WIDTH - PAD,
        "middle": PAD + inner_h / 2,
        "polyline": " ".join(f"{x},{y}" for x, y in coords),
        "dots": coords,
        "first": points[0].day if points else None,
        "last": points[-1].day if points else None,
    }


def bar_chart(totals: list[ModuleTotal]) -> dict:
    """Bars for the per-module completion chart: one horizontal bar per module, as the
    percentage of shown learners who completed it."""
    bar, gap, label_w, bar_w = 22, 8, 220, 360
    bars = []
    for i, total in enumerate(totals):
        y = i * (bar + gap)
        bars.append(
            {
                "total": total,
                "y": y,
                "text_y": y + bar * 0.7,
                "width": round(bar_w * total.percent / 100, 1),
            }
        )
    return {
        "bars": bars,
        "label_width": label_w,
        "bar_width": bar_w,
        "bar_height": bar,
        "value_x": label_w + bar_w + 8,
        "width": label_w + bar_w + 60,
        "height": max(1, len(totals) * (bar + gap)),
    }


# --- export ----------------------------------------------------------------------------


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


def write_csv(report: CohortReport, out) -> None:
    writer = csv.writer(out)
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
            ws.append([_cell(v) for v in values])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- the leader's view of an organisation -----------------------------------------------


@dataclass
class GroupProgress:
    name: str
    learners: int
    possible: int
    completed: int

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.possible) if self.possible else 0


def organisation_overview(organisation) -> dict:
    """Progress per cohort and per department of an organisation: learners, and modules
    completed out of those possible. A fixed number of queries."""
    cohorts = list(
        Cohort.objects.filter(organisation=organisation)
        .select_related("programme")
        .prefetch_related("members")
    )
    module_ids = defaultdict(set)
    programmes = {c.programme_id: c.programme for c in cohorts}
    if programmes:
        condition = Q()
        for programme in programmes.values():
            condition |= Q(path__startswith=programme.path, depth=programme.depth + 1)
        for module in ModulePage.objects.live().filter(condition).only("pk", "path"):
            for pid, programme in programmes.items():
                if module.path.startswith(programme.path):
                    module_ids[pid].add(module.pk)
    done = defaultdict(set)
    members = {m.pk for c in cohorts for m in c.members.all()}
    for learner_id, module_id in ModuleProgress.objects.filter(
        learner__in=members, completed_at__isnull=False
    ).values_list("learner_id", "module_id"):
        done[learner_id].add(module_id)
    by_cohort = []
    dept_totals: dict[int | None, list] = defaultdict(lambda: [0, 0, set()])
    departments = list(
        Department.objects.filter(organisation=organisation).prefetch_related("staff")
    )
    dept_of = defaultdict(list)
    for dept in departments:
        for person in dept.staff.all():
            dept_of[person.pk].append(dept.pk)
    for cohort in cohorts:
        modules = module_ids[cohort.programme_id]
        people = list(cohort.members.all())
        completed = sum(len(done[p.pk] & modules) for p in people)
        by_cohort.append(
            (cohort, GroupProgress(cohort.name, len(people), len(people) * len(modules), completed))
        )
        for person in people:
            for dept_id in dept_of.get(person.pk) or [None]:
                totals = dept_totals[dept_id]
                totals[0] += len(modules)
                totals[1] += len(done[person.pk] & modules)
                totals[2].add(person.pk)
    by_department = []
    for dept in [*departments, None]:
        key = dept.pk if dept else None
        if key not in dept_totals:
            continue
        possible, completed, people = dept_totals[key]
        name = dept.name if dept else _("No department")
        by_department.append(GroupProgress(name, len(people), possible, completed))
    return {"cohorts": by_cohort, "departments": by_department}
