"""A person downloads everything held about them: a ZIP of JSON per model and their
PDFs, built by a background task, shown with its progress, and fetched only by them."""

import io
import json
import re
import zipfile

import pytest
from django.urls import reverse

from cms import privacy
from cms.models import AuditEvent, PersonalExport

from .conftest import KARI_SECRET, LENE_SECRET


def _zip(export) -> zipfile.ZipFile:
    with export.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


@pytest.fixture
def lene_export(client, learner, records, django_capture_on_commit_callbacks):
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("personal_data"))
    export = PersonalExport.objects.get(person=learner)
    assert response.status_code == 302
    assert response["Location"] == reverse("personal_export", args=[export.pk])
    return export


def test_the_download_holds_every_model_and_her_pdfs(lene_export, records):
    archive = _zip(lene_export)
    names = set(archive.namelist())
    assert {f"data/{label}.json" for label in privacy.registry.handlers} <= names
    serial = records["lene"]["certificate"].serial
    assert {
        "README.txt",
        "documents/journal/journal.pdf",
        "documents/hours/hours-rusradgiver.pdf",
        f"documents/certificates/{serial}.pdf",
        f"documents/certificates/{serial}.jwt",
    } <= names
    for name in names:
        if name.endswith(".pdf"):
            assert archive.read(name).startswith(b"%PDF")
    journal = json.loads(archive.read("data/learners.JournalEntry.json"))
    assert [row["text"] for row in journal["rows"]] == [LENE_SECRET]
    assert journal["rows"][0]["comments"][0]["text"] == "Godt observert."
    account = json.loads(archive.read("data/auth.User.json"))["rows"]
    assert account[0]["email"] == "lene@example.no"
    hours = json.loads(archive.read("data/learners.HoursEntry.json"))["rows"]
    assert {row["status"] for row in hours} == {"approved", "draft"}
    declarations = json.loads(archive.read("data/learners.Declaration.json"))["rows"]
    assert [(row["role"], row["detail"], row["health"]) for row in declarations] == [
        ("learner", f"{LENE_SECRET} (erklæring)", True)
    ]
    education = json.loads(archive.read("data/learners.ExternalEducation.json"))["rows"]
    assert [(row["role"], row["provider"], row["status"]) for row in education] == [
        ("learner", f"{LENE_SECRET} (kurssted)", "approved")
    ]


def test_the_download_never_holds_another_persons_data(lene_export, records, kari):
    archive = _zip(lene_export)
    other = records["kari"]
    for name in archive.namelist():
        if not name.endswith((".json", ".txt")):
            continue
        text = archive.read(name).decode("utf-8")
        assert KARI_SECRET not in text, name
        assert "Nordmann" not in text, name
        assert other["certificate"].verification_id not in text, name
    assert other["certificate"].serial not in " ".join(archive.namelist())


def test_the_answer_key_stays_out_of_the_download(lene_export):
    attempts = json.loads(_zip(lene_export).read("data/assessments.Attempt.json"))["rows"]
    snapshot = attempts[0]["answers"][0]["snapshot"]
    assert set(snapshot) == {"kind", "text", "points", "choices"}
    assert all(set(choice) == {"id", "text"} for choice in snapshot["choices"])


def test_the_progress_page_polls_until_ready_and_works_without_javascript(client, lene_export):
    url = reverse("personal_export", args=[lene_export.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert reverse("personal_export_download", args=[lene_export.pk]) in page.text
    partial = client.get(url, headers={"HX-Request": "true"})
    assert '<div id="export-progress"' in partial.text and "<html" not in partial.text
    assert AuditEvent.objects.filter(action="privacy.export_started").count() == 1


def test_a_running_export_polls_with_htmx_and_links_a_reload(client, learner):
    client.force_login(learner)
    export = PersonalExport.objects.create(person=learner, status="running", total=10, done=4)
    page = client.get(reverse("personal_export", args=[export.pk]))
    assert 'hx-trigger="every 2s"' in page.text
    assert "40 %" in page.text
    assert f'href="{reverse("personal_export", args=[export.pk])}"' in page.text


def test_the_zip_is_an_attachment_for_her_alone(client, lene_export, kari, administrator):
    url = reverse("personal_export_download", args=[lene_export.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert f'filename="praksis-data-{lene_export.pk}.zip"' in response["Content-Disposition"]
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).testzip() is None
    assert response["Cache-Control"] == "private, no-store"
    for someone in (kari, administrator):
        client.force_login(someone)
        assert client.get(url).status_code == 404
        assert client.get(reverse("personal_export", args=[lene_export.pk])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_the_zip_is_private_and_expires(lene_export, client):
    with pytest.raises(ValueError):
        lene_export.file.url  # noqa: B018 - private storage has no URL
    PersonalExport.objects.filter(pk=lene_export.pk).update(
        finished_at=lene_export.finished_at - privacy.datetime.timedelta(days=8),
        created_at=lene_export.created_at - privacy.datetime.timedelta(days=8),
    )
    assert client.get(reverse("personal_export_download", args=[lene_export.pk])).status_code == 404
    assert privacy.purge_personal_exports() == 1
    assert not PersonalExport.objects.exists()


def test_the_data_page_is_linked_from_the_menu_and_lists_downloads(client, lene_export):
    page = client.get(reverse("learners:dashboard"))
    assert f'href="{reverse("personal_data")}"' in page.text
    listing = client.get(reverse("personal_data"))
    assert reverse("personal_export", args=[lene_export.pk]) in listing.text


@pytest.mark.parametrize("count", [1, 10])
def test_the_data_page_costs_the_same_for_one_or_ten_downloads(
    client, learner, count, django_assert_max_num_queries
):
    PersonalExport.objects.bulk_create([PersonalExport(person=learner) for _ in range(count)])
    client.force_login(learner)
    client.get(reverse("personal_data"))  # warm the per-process caches (site, settings)
    with django_assert_max_num_queries(13):  # the page frame costs most of them
        page = client.get(reverse("personal_data"))
    assert len(re.findall(r'href="/accounts/data/\d+/"', page.text)) == count


def test_a_supervisors_download_has_her_signatures_but_not_the_learners_records(
    supervisor, records
):
    export = privacy.build_personal_export(PersonalExport.objects.create(person=supervisor).pk)
    archive = _zip(export)
    signed = json.loads(archive.read("data/learners.HoursEntry.json"))["rows"]
    assert len(signed) == 2
    assert {row["role"] for row in signed} == {"signed as supervisor"}
    assert all("description" not in row and "learner_id" not in row for row in signed)
    comments = json.loads(archive.read("data/learners.JournalComment.json"))["rows"]
    assert [row["text"] for row in comments] == ["Godt observert."]
    # The health declarations and external education she confirmed: ids and dates only.
    for label, role in [
        ("learners.Declaration", "confirmed as supervisor"),
        ("learners.ExternalEducation", "decided as supervisor"),
    ]:
        confirmed = json.loads(archive.read(f"data/{label}.json"))["rows"]
        assert len(confirmed) == 2 and {row["role"] for row in confirmed} == {role}, label
        assert all("detail" not in row and "learner_id" not in row for row in confirmed)
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert LENE_SECRET.encode() not in everything and KARI_SECRET.encode() not in everything
