"""Exports: the XLSX and CSV hold the same matrix as the page, and the summaries."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from learners.journey import progress
from learners.reports.report import STATUS_LABELS
from tests.spreadsheet_checks import assert_csv_safe

from .conftest import page_matrix, row_names


def test_the_xlsx_holds_the_same_matrix_as_the_page(
    client, lead, cohort, avholdt_modules, colleagues, learner
):
    progress.mark_done(learner=learner, module=avholdt_modules[0])
    progress.record_view(learner=colleagues[0], module=avholdt_modules[1])
    client.force_login(lead)
    html = client.get(reverse("learners:cohort-report", args=[cohort.pk])).content.decode()
    page = [[str(STATUS_LABELS[s]) for s in statuses] for statuses in page_matrix(html).values()]
    names = row_names(html)

    response = client.get(reverse("learners:cohort-export", args=[cohort.pk]), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    modules = len(avholdt_modules)
    assert list(header[2 : 2 + modules]) == [m.title for m in avholdt_modules]
    assert [row[0] for row in body] == names
    assert [list(row[2 : 2 + modules]) for row in body] == page
    assert {ws.title for ws in workbook.worksheets} >= {"Modules", "Exams", "Hours"}


def test_the_csv_holds_the_same_matrix_and_summaries(
    client, lead, cohort, avholdt_modules, learner
):
    type(learner).objects.filter(pk=learner.pk).update(last_name="Dahl;=1+1")
    client.force_login(lead)
    response = client.get(reverse("learners:cohort-export", args=[cohort.pk]), {"format": "csv"})
    assert response.status_code == 200
    rows = assert_csv_safe(b"".join(response.streaming_content).decode("utf-8-sig"))
    assert rows[0][2] == avholdt_modules[0].title
    matrix = rows[1 : rows.index([])]
    assert len(matrix) == 5
    assert all(row[2] == "Not started" for row in matrix)
    assert ["Modules"] in rows and ["Exams"] in rows and ["Hours"] in rows


def test_an_unknown_format_is_a_404(client, lead, cohort):
    client.force_login(lead)
    url = reverse("learners:cohort-export", args=[cohort.pk])
    assert client.get(url, {"format": "pdf"}).status_code == 404


def test_the_export_follows_the_filters(client, lead, cohort, wards, learner, colleagues):
    client.force_login(lead)
    url = reverse("learners:cohort-export", args=[cohort.pk])
    response = client.get(url, {"format": "xlsx", "department": wards[0].pk})
    rows = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0].values
    )
    assert len(rows) == 3
