"""The cohort report: learners × modules, totals, exams and hours.

Everything the page, the CSV and the XLSX show comes from one ``CohortReport`` built by
``build_report`` (charts in ``charts``, tables and files in ``export``), so the three never
disagree. Building it costs a fixed number of
queries whatever the number of learners or modules.
"""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from assessments.models import Attempt, ExamPage
from courses.models import ModulePage
from learners.certification.models import Certificate
from learners.cohorts.models import Cohort, Department, ModuleDeadline
from learners.cohorts.sessions import hours_by_learner
from learners.hours import progress as hours_rules
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
