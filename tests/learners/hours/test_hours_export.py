"""Export for a certification board: CSV and PDF totals equal the database's, every
entry carries its sign-off, and rendering reads nothing from disk or network."""

import dataclasses
from decimal import Decimal

import pytest
from django.urls import reverse
from weasyprint import HTML

from cms.models import AuditEvent, PreparedDocument
from cms.pdf import data_only_fetcher
from learners.hours import rules as hours
from tests.spreadsheet_checks import assert_csv_safe

from .conftest import days_ago, log_hours


@pytest.fixture
def signed_log(learner, supervisor, categories):
    counselling, documentation = categories["radgivning"], categories["rapportering"]
    original = log_hours(learner, counselling, status="approved", supervisor=supervisor,
                         hours=Decimal("2.5"), date=days_ago(10))  # fmt: skip
    log_hours(learner, counselling, status="approved", supervisor=supervisor,
              hours=Decimal("1.25"), date=days_ago(9), description="a;=HYPERLINK()")  # fmt: skip
    log_hours(learner, documentation, status="approved", supervisor=supervisor,
              hours=Decimal("0.75"), date=days_ago(8))  # fmt: skip
    log_hours(learner, documentation, status="submitted", hours=Decimal(4), date=days_ago(7))
    values = {name: getattr(original, name) for name in hours.ENTRY_FIELDS}
    correction = hours.correct(original, by=learner, **(values | {"hours": Decimal(3)}))
    [correction] = hours.submit([correction], by=learner)
    hours.approve(correction, supervisor=supervisor)
    return hours.approved_hours_by_category([learner])[learner.pk]


def export_url(learner, programme, fmt, **query):
    url = reverse("learners:hours_export", args=[programme.pk, learner.pk, fmt])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_csv_totals_equal_the_database(client, learner, counselling, signed_log):
    client.force_login(learner)
    response = client.get(export_url(learner, counselling.programme, "csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = assert_csv_safe(response.content.decode())
    header, *rest = rows
    entries = rest[: rest.index([])]
    totals = {row[1]: Decimal(row[2]) for row in rest[rest.index([]) + 2 :] if row[1] != "Total"}

    counted = {}
    for row in entries:
        if row[header.index("Counted")] == "yes":
            category = row[header.index("Category")]
            counted[category] = counted.get(category, Decimal(0)) + Decimal(row[3])
    by_name = {
        c.name: signed_log.get(c.pk, Decimal(0))
        for c in counselling.programme.practice_categories.all()
    }
    assert totals == by_name
    assert counted == {name: value for name, value in by_name.items() if value}
    assert by_name[counselling.name] == Decimal("4.25")  # the correction (3), not the original
    assert all(len(row[header.index("SHA-256")]) == 64 for row in entries)
    assert any(row[5] == "a;'=HYPERLINK()" for row in entries)  # no formulas for spreadsheets


def page_text(html: str) -> str:
    document = HTML(string=html, url_fetcher=data_only_fetcher).render()

    def texts(box):
        if getattr(box, "text", None):
            yield box.text
        for child in getattr(box, "children", ()):
            yield from texts(child)

    return " ".join(text for page in document.pages for text in texts(page._page_box))


def test_pdf_totals_equal_the_database(
    client, learner, counselling, signed_log, django_capture_on_commit_callbacks
):
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(export_url(learner, counselling.programme, "pdf"))
    # Made in the background (at once in tests), on a page of its own, for her only.
    document = PreparedDocument.objects.get(owner=learner, kind="hours-pdf")
    assert response.status_code == 302 and response.url == reverse("document", args=[document.pk])
    assert "Download" in client.get(response.url).content.decode()
    download = client.get(reverse("document_download", args=[document.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    export = hours.export_data(learner, counselling.programme)
    assert {c.pk: v for c, v in export.totals if v} == signed_log
    text = page_text(hours.export_html(export))
    database_total = sum(signed_log.values(), Decimal(0))
    assert database_total == Decimal(5)  # 3 (the correction) + 1.25 + 0.75
    assert f"Total {database_total.normalize():f}" in text
    for category, value in export.totals:
        assert f"{category.name} {value.normalize():f}" in text
    for entry in export.entries:
        assert entry.content_sha256 in text.replace(" ", "")
        assert entry.signer_licence_number in text
    assert f"Period covered: {days_ago(10).isoformat()} to {days_ago(8).isoformat()}" in text
    assert "Produced:" in text


def test_the_pdf_is_no_longer_made_in_a_get_and_is_its_owners_alone(
    client, learner, supervisor, counselling, signed_log
):
    client.force_login(learner)
    assert client.get(export_url(learner, counselling.programme, "pdf")).status_code == 405
    client.post(export_url(learner, counselling.programme, "pdf"))
    document = PreparedDocument.objects.get(owner=learner)
    assert AuditEvent.objects.filter(action="document.requested", actor=learner).exists()
    client.force_login(supervisor)
    assert client.get(reverse("document", args=[document.pk])).status_code == 404
    assert client.get(reverse("document_download", args=[document.pk])).status_code == 404


def test_an_export_can_cover_a_period(learner, counselling, signed_log):
    export = hours.export_data(learner, counselling.programme, start=days_ago(9), end=days_ago(8))
    assert [entry.date for entry in export.entries] == [days_ago(9), days_ago(8)]
    assert export.period_start == days_ago(9) and export.total == Decimal(2)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "http://127.0.0.1:8000/", "https://example.org/x.png", "ftp://x/y"],
)
def test_the_pdf_renderer_fetches_nothing_but_data_urls(url):
    with pytest.raises(ValueError, match="only data: URLs"):
        data_only_fetcher(url)


def test_the_pdf_renderer_reads_inline_data():
    response = data_only_fetcher("data:text/plain;base64,aGVq")
    assert response.read() == b"hej"


def test_the_pdf_ignores_a_file_reference_in_the_log(learner, supervisor, counselling):
    log_hours(learner, counselling, status="approved", supervisor=supervisor,
              description='<img src="file:///etc/passwd">')  # fmt: skip
    export = hours.export_data(learner, counselling.programme)
    assert "&lt;img" in hours.export_html(export)  # escaped, never markup
    assert hours.render_pdf(export).startswith(b"%PDF")


def layout_boxes(export) -> int:
    document = HTML(string=hours.export_html(export), url_fetcher=data_only_fetcher).render()
    return sum(sum(1 for _box in page._page_box.descendants()) for page in document.pages)


def test_an_entry_costs_the_pdf_few_layout_boxes(learner, supervisor, counselling):
    """WeasyPrint's time grows with the boxes it lays out (issue 17: a six-cell table row
    with spans and line breaks made some 65 boxes an entry and 25 ms; a block of lines
    makes 15 and 4 ms). A structural guard, not a timing: a row of six one-letter table
    cells alone would make 20, so the log can never slide back into a table unnoticed."""
    description = " ".join(["Individuell samtale om tilbakefallsforebygging."] * 8)
    for day in range(11):
        log_hours(learner, counselling, status="approved", supervisor=supervisor,
                  date=days_ago(20 - day), description=description,
                  client_code="K-12" if day % 2 else "")  # fmt: skip
    export = hours.export_data(learner, counselling.programme)
    assert len(export.entries) == 11
    one = layout_boxes(dataclasses.replace(export, entries=export.entries[:1]))
    per_entry = (layout_boxes(export) - one) / 10
    assert per_entry < 20, f"{per_entry} layout boxes an entry"
