"""The cohort report: a learners × modules matrix whose counts equal the database."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from learners.journey import progress
from learners.models import ModuleProgress
from learners.reports import report as reports
from learners.reports.export import matrix

from .conftest import page_matrix, row_names


def build_progress(cohort, modules, colleagues, learner):
    """Lene completes two modules, one colleague opens one, another completes one."""
    progress.record_view(learner=learner, module=modules[0])
    progress.mark_done(learner=learner, module=modules[0])
    progress.record_view(learner=learner, module=modules[1])
    progress.mark_done(learner=learner, module=modules[1])
    progress.record_view(learner=colleagues[0], module=modules[0])
    progress.record_view(learner=colleagues[1], module=modules[0])
    progress.mark_done(learner=colleagues[1], module=modules[0])


def expected_status(row: ModuleProgress | None) -> str:
    if row is None:
        return "not_started"
    if row.completed_at and row.passed_at:
        return "passed"
    return "completed" if row.completed_at else "in_progress"


def test_the_report_counts_equal_the_database(
    client, lead, cohort, avholdt_modules, colleagues, learner
):
    build_progress(cohort, avholdt_modules, colleagues, learner)
    client.force_login(lead)
    response = client.get(reverse("learners:cohort-report", args=[cohort.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    matrix = page_matrix(html)

    members = list(cohort.members.all())
    assert set(matrix) == {m.pk for m in members}
    rows = {
        (p.learner_id, p.module_id): p for p in ModuleProgress.objects.filter(learner__in=members)
    }
    for member in members:
        assert matrix[member.pk] == [
            expected_status(rows.get((member.pk, m.pk))) for m in avholdt_modules
        ]
    for module in avholdt_modules:
        done = ModuleProgress.objects.filter(
            learner__in=members, module=module, completed_at__isnull=False
        ).count()
        assert f'data-module-total="{module.pk}">{done}/{len(members)}<' in html


def test_dates_show_on_demand_for_one_learner(client, lead, cohort, avholdt_modules, learner):
    """No tooltip per cell: the learner's name opens their dates under the filters."""
    progress.record_view(learner=learner, module=avholdt_modules[0])
    client.force_login(lead)
    url = reverse("learners:cohort-report", args=[cohort.pk])
    html = client.get(url).content.decode()
    assert 'role="tooltip"' not in html and "learner-dates-heading" not in html
    assert f'learner={learner.pk}#learner-dates"' in html
    html = client.get(url, {"learner": learner.pk}).content.decode()
    dates = html[html.index('id="learner-dates"') : html.index('id="matrix"')]
    started = date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    assert avholdt_modules[0].title in dates and started in dates


def test_it_filters_by_department_and_status_and_sorts(
    client, lead, cohort, wards, avholdt_modules, colleagues, learner
):
    build_progress(cohort, avholdt_modules, colleagues, learner)
    client.force_login(lead)
    url = reverse("learners:cohort-report", args=[cohort.pk])
    html = client.get(url, {"department": wards[0].pk}).content.decode()
    assert set(page_matrix(html)) == {learner.pk, colleagues[0].pk}
    html = client.get(url, {"status": "not_started"}).content.decode()
    assert set(page_matrix(html)) == {colleagues[2].pk, colleagues[3].pk}
    html = client.get(url, {"sort": "-progress"}).content.decode()
    assert list(page_matrix(html))[0] == learner.pk
    names = row_names(client.get(url, {"sort": "-name"}).content.decode())
    assert names == sorted(names, key=str.casefold, reverse=True)


def test_the_charts_are_svg_with_a_text_alternative(client, lead, cohort, avholdt_modules, learner):
    progress.mark_done(learner=learner, module=avholdt_modules[0])
    client.force_login(lead)
    html = client.get(reverse("learners:cohort-report", args=[cohort.pk])).content.decode()
    assert html.count('<svg role="img"') == 2
    assert "<polyline" in html
    assert "Progress over time as a table" in html


def test_the_timeline_counts_completions_week_by_week(cohort, avholdt_modules, learner):
    progress.mark_done(learner=learner, module=avholdt_modules[0])
    two_weeks_ago = timezone.now() - datetime.timedelta(days=14)
    ModuleProgress.objects.filter(learner=learner).update(completed_at=two_weeks_ago)
    report = reports.build_report(cohort)
    assert report.timeline[0].completed == 0 or report.timeline[0].day <= timezone.localdate(
        two_weeks_ago
    )
    assert report.timeline[-1].completed == 1
    assert report.timeline[-1].day == timezone.localdate()


def test_the_exam_summary_counts_attempts_pass_rate_and_average(cohort, avholdt, learner):
    from assessments.models import Attempt, ExamPage

    exam = ExamPage.objects.descendant_of(avholdt).live().first()
    for number, (status, percent) in enumerate([("failed", 40), ("passed", 80)], start=1):
        Attempt.objects.create(
            exam=exam, programme=avholdt, learner=learner, number=number, status=status,
            percent=percent, pass_mark=60,
        )  # fmt: skip
    summary = next(s for s in reports.build_report(cohort).exams if s.exam.pk == exam.pk)
    assert (summary.attempts, summary.candidates, summary.passed) == (2, 1, 1)
    assert summary.pass_rate == 100
    assert summary.average == 60


def test_the_report_shows_each_learners_current_certificate(cohort):
    from learners.models import Certificate

    member = cohort.members.first()
    report = reports.build_report(cohort)
    assert report.certificates_available is True
    assert all(row.certificate_label == "" for row in report.rows)
    old = Certificate.objects.create(
        serial="PRK-T-1", learner=member, learner_name="X", programme=cohort.programme,
        programme_title="P", language="nb", issued_on="2026-01-01",
        organisation_name="Praksis",
    )  # fmt: skip
    new = Certificate.objects.create(
        serial="PRK-T-2", learner=member, learner_name="X", programme=cohort.programme,
        programme_title="P", language="nb", issued_on="2026-06-01",
        organisation_name="Praksis",
    )  # fmt: skip
    old.superseded_by = new
    old.save(update_fields=["superseded_by"])
    row = next(r for r in reports.build_report(cohort).rows if r.learner.pk == member.pk)
    assert row.certificate_label.startswith("PRK-T-2 (")
    assert matrix(reports.build_report(cohort))[0][-1] == "Certificate"
