"""A ``practicum`` requirement in programme.md: the loader refuses a row that names no
role, an unknown role or a number of meetings that is not whole, with file and line;
SMART's row loads and exports back byte for byte."""

import pytest

from courses.content.exporter import export_content
from courses.content.loader import load_content
from courses.models import TrackRequirement

ROW = "  - kind: practicum\n    key: co-facilitator\n    amount: 3\n"


def test_smarts_practicum_row_exports_back_byte_exact(db, content_copy, tmp_path):
    path = content_copy / "smart-facilitator" / "programme.md"
    assert ROW in path.read_text()
    assert load_content(content_copy).errors == []
    assert TrackRequirement.objects.filter(kind="practicum", key="co-facilitator").exists()
    export_content(tmp_path / "out")
    assert (tmp_path / "out" / "smart-facilitator" / "programme.md").read_text() == (
        path.read_text()
    )


@pytest.mark.parametrize(
    ("new", "words"),
    [
        ("    key: participant\n    amount: 3\n", "lowest role counted"),
        ("    key: co-facilitator\n    amount: 2.5\n", "whole number"),
        ("    amount: 3\n", "needs 'key'"),
    ],
)
def test_a_bad_practicum_row_is_refused_with_file_and_line(db, content_copy, new, words):
    path = content_copy / "smart-facilitator" / "programme.md"
    text = path.read_text()
    old = "    key: co-facilitator\n    amount: 3\n"
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text)
    report = load_content(content_copy)
    [error] = report.errors
    assert error.path == path and words in error.message, error.message
    assert error.line == text.split("\n").index("certification:") + 1
