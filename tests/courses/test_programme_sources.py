"""``sources`` in a programme's front matter: checked, loaded, shown on the programme page
and exported byte for byte."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from courses.content.format import read_programme, render_programme
from courses.content.loader import load_content
from courses.models import ProgrammePage

CONTENT = Path(settings.BASE_DIR) / "content"
FOLDERS = sorted(path.name for path in CONTENT.iterdir() if path.is_dir())


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_programme_lists_its_sources_and_the_file_is_canonical(folder):
    source = read_programme(CONTENT / folder)
    assert source.front["sources"] and all(s["title"] for s in source.front["sources"])
    assert render_programme(source) == (CONTENT / folder / "programme.md").read_text("utf-8")


def test_the_programme_page_shows_its_sources(client, db):
    programme = ProgrammePage.objects.get(content_key="avholdt")
    html = client.get(programme.url).content.decode()
    sources = html.split('id="sources-heading"', 1)[1]
    assert "Prosjekt NMT i rusbehandling" in sources
    assert "Substance Abuse and Mental Health Services Administration (SAMHSA) (2014)" in sources


def test_sources_edited_in_the_admin_are_exported(db, tmp_path):
    programme = ProgrammePage.objects.get(content_key="rusmiddelprotokol")
    programme.sources = [
        *[{"type": b.block_type, "value": dict(b.value)} for b in programme.sources],
        {"type": "source", "value": {"title": "Ny kilde", "author": "", "year": 2025,
                                     "url": "https://example.org/kilde"}},
    ]  # fmt: skip
    programme.save_revision().publish()
    call_command("export_content", str(tmp_path), stdout=StringIO())
    exported = read_programme(tmp_path / "rusmiddelprotokol")
    assert exported.front["sources"][-1] == {
        "title": "Ny kilde", "year": 2025, "url": "https://example.org/kilde",
    }  # fmt: skip
    text = (tmp_path / "rusmiddelprotokol" / "programme.md").read_text(encoding="utf-8")
    assert "- title: Ny kilde\n  year: 2025\n  url: https://example.org/kilde\n---\n" in text


@pytest.mark.parametrize(
    ("replacement", "message"),
    [
        ("  year: 2014\n", "'year' must be a year"),
        ("  author: RVTS Sør\n", "'author' must be text"),
        ("  url: https://x\n", "may only have"),
    ],
)
def test_a_malformed_source_names_the_file_and_the_line(db, tmp_path, replacement, message):
    target = tmp_path / "content"
    # The source only: a file planted in it has no translation (content/avholdt/en, da).
    shutil.copytree(CONTENT / "avholdt", target / "avholdt", ignore=shutil.ignore_patterns("??"))
    path = target / "avholdt" / "programme.md"
    broken = {
        "  year: 2014\n": "  year: snart\n",
        "  author: RVTS Sør\n": "  author: 12\n",
        "  url: https://x\n": "  publisher: x\n",
    }[replacement]
    text = path.read_text(encoding="utf-8")
    text = (
        text.replace(replacement, broken, 1)
        if replacement in text
        else text.replace(
            "- title: Prosjektbeskrivelse\n", "- title: Prosjektbeskrivelse\n" + broken, 1
        )
    )
    path.write_text(text, encoding="utf-8")
    report = load_content(target)
    assert [error.path for error in report.errors] == [path]
    assert report.errors[0].line == text.split("\n").index("sources:") + 1
    assert message in report.errors[0].message
