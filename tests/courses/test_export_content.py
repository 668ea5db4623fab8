"""export_content writes pages back in the content/ format; export after load is exact."""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from courses.content.format import read_module, render_module
from courses.content.loader import load_content
from courses.models import ModulePage

CONTENT = Path(settings.BASE_DIR) / "content"


def content_files(root: Path) -> list[Path]:
    """Every programme file under ``root``: sources and translations (``<slug>/<ll>/``),
    Markdown and exam files."""
    return sorted(
        path
        for pattern in ("*/*.md", "*/*/*.md", "*/exam-*.yaml", "*/*/exam-*.yaml")
        for path in root.glob(pattern)
    )


def shipped_files() -> list[Path]:
    return content_files(CONTENT)


def test_export_after_load_reproduces_every_file_byte_for_byte(db, tmp_path):
    """Sources and translations alike."""
    call_command("export_content", str(tmp_path), stdout=StringIO())
    exported = content_files(tmp_path)
    assert [p.relative_to(tmp_path) for p in exported] == [
        p.relative_to(CONTENT) for p in shipped_files()
    ]
    for original in shipped_files():
        copy = tmp_path / original.relative_to(CONTENT)
        assert copy.read_text(encoding="utf-8") == original.read_text(encoding="utf-8"), original


def test_loading_an_export_changes_nothing(db, tmp_path):
    call_command("export_content", str(tmp_path), stdout=StringIO())
    report = load_content(tmp_path)
    assert report.errors == []
    assert report.created == [] and report.updated == []
    assert len(report.unchanged) == len(shipped_files())


def test_an_edit_made_in_the_admin_is_exported(db, tmp_path):
    module = ModulePage.objects.get(content_key="smart-facilitator-05")
    module.title = "Firepunktsprogrammet"
    module.save_revision().publish()
    call_command("export_content", str(tmp_path), stdout=StringIO())
    exported = read_module(tmp_path / "smart-facilitator" / "05-firepunktsprogrammet.md")
    assert exported.front["title"] == "Firepunktsprogrammet"


def test_the_cost_benefit_worksheet_survives_the_round_trip(db):
    source = read_module(CONTENT / "smart-facilitator" / "05-firepunktsprogrammet.md")
    worksheet = next(b for b in source.blocks if b["type"] == "worksheet")
    assert len(worksheet["value"]["rows"]) * len(worksheet["value"]["columns"]) == 4
    module = ModulePage.objects.get(content_key="smart-facilitator-05")
    block = next(b for b in module.body if b.block_type == "worksheet")
    assert list(block.value["columns"]) == worksheet["value"]["columns"]
    assert render_module(source) == source.path.read_text(encoding="utf-8")
