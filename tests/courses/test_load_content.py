"""load_content: idempotent, reports what it did, and all-or-nothing per programme."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Page

from courses.content.loader import load_content
from courses.models import ModulePage, ProgrammePage

CONTENT = Path(settings.BASE_DIR) / "content"


def run(path: Path) -> str:
    out = StringIO()
    call_command("load_content", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_all_five_programmes_are_loaded(db):
    keys = set(
        ProgrammePage.objects.exclude(content_key=None).values_list("content_key", flat=True)
    )
    assert keys == {"avholdt", "rusradgiver", "peer-spezialist", "smart-facilitator",
                    "rusmiddelprotokol"}  # fmt: skip


def test_avholdt_has_its_seven_steps_in_order(avholdt_modules):
    assert [m.order for m in avholdt_modules] == [1, 2, 3, 4, 5, 6, 7]
    assert avholdt_modules[0].title.startswith("Implementeringsanalyse")
    assert avholdt_modules[5].title.startswith("Konsultasjoner og NMT")


def test_loading_twice_changes_nothing(db):
    pages_before = Page.objects.count()
    revisions_before = sum(p.revisions.count() for p in ModulePage.objects.all())
    output = run(CONTENT)
    assert Page.objects.count() == pages_before
    assert sum(p.revisions.count() for p in ModulePage.objects.all()) == revisions_before
    # 41 source files and 42 translated ones (content/<slug>/<ll>/).
    assert "0 created, 0 updated, 84 left alone; 5 translation(s) loaded" in output


def test_loading_into_an_empty_site_creates_every_page(db):
    for programme in ProgrammePage.objects.all():
        programme.delete()
    output = run(CONTENT)
    assert "84 created, 0 updated, 0 left alone" in output
    assert ModulePage.objects.live().exclude(content_key=None).count() == 32
    run(CONTENT)
    assert ModulePage.objects.exclude(content_key=None).count() == 32


def test_a_changed_file_updates_its_page_with_a_new_revision(content_copy, avholdt_modules):
    path = content_copy / "avholdt" / "04-trening-og-refleksjon.md"
    path.write_text(path.read_text().replace("estimated_minutes: ", "estimated_minutes: 1"))
    module = avholdt_modules[3]
    revisions = module.revisions.count()

    output = run(content_copy)

    module.refresh_from_db()
    assert "updated    avholdt/04-trening-og-refleksjon.md" in output
    assert "1 updated, 41 left alone" in output
    assert str(module.estimated_minutes).startswith("1")
    assert module.revisions.count() == revisions + 1


BROKEN = [
    # (name, file, old text, new text, expected line, words in the message)
    ("bad yaml", "03-teoriundervisning.md", "order: 3", "order: [3", 4, "not valid YAML"),
    ("missing key", "03-teoriundervisning.md", "estimated_minutes:", "minutes:", 5, "unknown"),
    ("unclosed block", "05-fordypning-ressurspersoner.md", "\n:::\n", "\n\n", None, "never closed"),
    ("unknown block", "02-kultur-og-arbeidsglede.md", "::: reflection", "::: refection", None,
     "unknown block type"),
    ("later prerequisite", "02-kultur-og-arbeidsglede.md", "- avholdt-01", "- avholdt-05", None,
     "not an earlier module"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "filename", "old", "new", "line", "words"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_a_malformed_file_names_file_and_line_and_loads_nothing_of_its_programme(
    content_copy, avholdt, name, filename, old, new, line, words
):
    # A change that would otherwise be loaded, in the same programme as the broken file:
    programme_file = content_copy / "avholdt" / "programme.md"
    programme_file.write_text(
        programme_file.read_text().replace("estimated_hours: 7", "estimated_hours: 8")
    )
    # ...and one in another programme, which must still load.
    other = content_copy / "smart-facilitator" / "programme.md"
    other.write_text(other.read_text().replace("estimated_hours: 6", "estimated_hours: 9"))
    broken = content_copy / "avholdt" / filename
    text = broken.read_text()
    assert old in text
    broken.write_text(text.replace(old, new, 1))

    report = load_content(content_copy)

    assert len(report.errors) == 1
    error = report.errors[0]
    assert error.path == broken
    assert words in error.message
    if line is not None:
        assert error.line == line
    assert f"{broken}:{error.line}:" in str(error)
    avholdt.refresh_from_db()
    assert avholdt.estimated_hours == 7
    assert ProgrammePage.objects.get(content_key="smart-facilitator").estimated_hours == 9


def test_the_command_fails_loudly_on_a_malformed_file(db, content_copy):
    broken = content_copy / "avholdt" / "01-implementeringsanalyse.md"
    broken.write_text(broken.read_text().replace("::: task", "::: taks", 1))
    err = StringIO()
    with pytest.raises(CommandError, match="1 programme"):
        call_command("load_content", str(content_copy), stdout=StringIO(), stderr=err)
    assert "01-implementeringsanalyse.md:" in err.getvalue()


def test_a_module_file_whose_number_disagrees_with_its_order_is_refused(db, content_copy):
    path = content_copy / "rusradgiver" / "02-individuelle-samtaler.md"
    path.rename(path.with_name("09-individuelle-samtaler.md"))
    report = load_content(content_copy)
    assert "file name starts with 09" in report.errors[0].message
