"""Translated programmes from content/<slug>/<ll>/: loaded as Wagtail translations of
their source pages, refused when their structure differs, exported byte for byte."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from assessments.models import ExamPage, QuestionTranslation
from courses.content.exporter import export_content
from courses.content.loader import load_content
from courses.models import ModulePage, ProgrammePage
from courses.translation import canonical, stale_translations

FIXTURE = Path(__file__).parent / "translated"


@pytest.fixture
def fixture_copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture
def loaded(db):
    report = load_content(FIXTURE)
    assert report.errors == []
    return report


def test_a_translation_is_loaded_as_the_source_pages_translation(loaded):
    assert loaded.translations == ["oversatt/en"]
    source = ProgrammePage.objects.get(content_key="oversatt")
    english = ProgrammePage.objects.get(
        translation_key=source.translation_key, locale__language_code="en"
    )
    assert english.title == "Conversation as a tool"
    assert english.language == "en" and english.content_key is None
    assert canonical(english).pk == source.pk
    modules = list(english.modules())
    assert [m.title for m in modules] == ["Preparation", "Closing"]
    assert [canonical(m).content_key for m in modules] == ["oversatt-01", "oversatt-02"]
    # The translated module requires the translated module before it.
    assert list(modules[1].prerequisites.all()) == [modules[0]]
    # Blocks keep their source's ids: a journal entry is found in either language.
    source_ids = [b.id for b in ModulePage.objects.get(content_key="oversatt-01").body]
    assert [b.id for b in modules[0].body] == source_ids
    exam = ExamPage.objects.get(
        translation_key=ExamPage.objects.get(content_key="oversatt-prove").translation_key,
        locale__language_code="en",
    )
    assert exam.title == "Short test" and exam.get_parent().pk == modules[1].pk
    source = ProgrammePage.objects.get(content_key="oversatt")
    ours = QuestionTranslation.objects.filter(language="en", question__programme=source)
    assert ours.count() == 2


def test_loading_again_changes_nothing(loaded):
    again = load_content(FIXTURE)
    assert again.errors == [] and again.created == [] and again.updated == []
    assert "oversatt/en/02-avslutning.md" in again.unchanged


def test_export_writes_translations_back_byte_for_byte(loaded, tmp_path):
    export_content(tmp_path)
    for original in sorted(FIXTURE.rglob("*.*")):
        copy = tmp_path / original.relative_to(FIXTURE)
        assert copy.read_text(encoding="utf-8") == original.read_text(encoding="utf-8"), original


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_structure_is_refused_with_file_and_line(db, fixture_copy):
    module = fixture_copy / "oversatt" / "en" / "01-forberedelse.md"
    _edit(module, "estimated_minutes: 20", "estimated_minutes: 25")
    report = load_content(fixture_copy)
    (error,) = report.errors
    assert error.path == module and error.line == 5
    assert "estimated_minutes is 25, the source has 20" in error.message
    # The source loaded; the refused translation wrote nothing.
    assert ProgrammePage.objects.filter(content_key="oversatt").exists()
    assert report.translations == []
    assert not ProgrammePage.objects.filter(locale__language_code="en", slug="oversatt").exists()


def test_a_changed_block_and_a_changed_answer_key_are_refused(db, fixture_copy):
    module = fixture_copy / "oversatt" / "en" / "02-avslutning.md"
    _edit(module, "::: task Write an agreement", "::: reflection Write an agreement")
    exam = fixture_copy / "oversatt" / "en" / "exam-kort-prove.yaml"
    right = "  - text: Read the information I have\n    correct: true\n  - text: Nothing"
    wrong = "  - text: Read the information I have\n  - text: Nothing\n    correct: true"
    _edit(exam, right, wrong)
    (error,) = load_content(fixture_copy).errors
    assert error.path == module and error.line == 16 and "same blocks" in error.message
    _edit(module, "::: reflection Write an agreement", "::: task Write an agreement")
    (error,) = load_content(fixture_copy).errors
    assert error.path == exam and "correct" in error.message


def test_a_translation_needs_every_file_of_its_source(db, fixture_copy):
    (fixture_copy / "oversatt" / "en" / "02-avslutning.md").unlink()
    (error,) = load_content(fixture_copy).errors
    assert error.path.name == "02-avslutning.md" and "lacks" in error.message


def test_a_newer_source_revision_makes_the_translation_out_of_date(loaded):
    assert list(stale_translations()) == []
    source = ModulePage.objects.get(content_key="oversatt-02")
    source.title = "Å avslutte"
    source.save_revision().publish()
    stale = list(stale_translations())
    assert [(row.page.title, row.source_id) for row in stale] == [("Closing", source.pk)]


def test_load_content_reports_the_translations_it_loaded(db):
    out = StringIO()
    call_command("load_content", str(FIXTURE), stdout=out)
    assert "1 translation(s) loaded (oversatt/en)" in out.getvalue()


def test_a_short_answer_may_accept_more_variants_in_translation(db, fixture_copy):
    exam = fixture_copy / "oversatt" / "en" / "exam-kort-prove.yaml"
    _edit(exam, "  - agreement\n", "  - agreement\n  - an agreement\n  - a deal\n")
    report = load_content(fixture_copy)
    assert report.errors == [] and report.translations == ["oversatt/en"]
