"""No piece of a cell can start a formula, whichever separator a spreadsheet splits on;
harmless text and plain numbers stay as they were."""

import csv
import io
import re

import pytest

from cms.spreadsheets import FORMULA_CHARS, csv_writer, spreadsheet_safe


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+47 123", "'+47 123"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\r=1", "'\r'=1"),
        ('a;=HYPERLINK("http://x")', 'a;\'=HYPERLINK("http://x")'),
        ("x,+cmd", "x,'+cmd"),
        ("1\t=2", "1\t'=2"),
        ("line\n@SUM(A1)", "line\n'@SUM(A1)"),
        ("a| -1+1", "a|' -1+1"),
        ('a;"=1+1"', 'a;\'"=1+1"'),
        ("Kari Nordmann", "Kari Nordmann"),
        ("Anne-Lise Berg-Hansen", "Anne-Lise Berg-Hansen"),
        ("2026-03-01", "2026-03-01"),
        ("Samtale - oppfølging", "Samtale - oppfølging"),
        ("-1", "-1"),
        ("-12.5", "-12.5"),
        ("-1,5", "-1,5"),
        ("+47", "+47"),
        ("a;-3", "a;-3"),
        ("'=already text", "'=already text"),
        (None, ""),
        (12, "12"),
        (-3, "-3"),
    ],
)
def test_formula_starts_become_text(value, expected):
    assert spreadsheet_safe(value) == expected


HOSTILE = [
    "=1+1",
    'a;=HYPERLINK("http://x")',
    "x,+cmd",
    "1\t=2",
    "line\n@SUM(A1)",
    "-2+3",
    "a|@x",
    "a; =1",
    'a;"=1+1"',
    "a\r\n-1+1",
    '=cmd|" /C calc"!A0',
]
HARMLESS = ["-1", "-12.5", "-1,5", "Anne-Lise Berg-Hansen", "2026-03-01", "Kari Nordmann"]
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def _written(values) -> str:
    out = io.StringIO()
    csv_writer(out).writerow(values)
    return out.getvalue()


@pytest.mark.parametrize("separator", [",", ";", "\t", "|", "\n"])
def test_no_piece_starts_a_formula_whichever_separator_splits_the_line(separator):
    line = _written([*HOSTILE, *HARMLESS])
    for piece in line.replace("\r\n", "\n").split(separator):
        text = piece.strip().strip('"').strip()
        if PLAIN_NUMBER.fullmatch(text):
            continue  # a number, never a formula
        assert not text.startswith(tuple(FORMULA_CHARS)), (separator, piece)


def test_the_writer_quotes_every_cell_and_a_reader_gets_the_text_back():
    line = _written(["Kari Nordmann", "a;b,c", "-1", 7, None])
    assert line == '"Kari Nordmann","a;b,c","-1","7",""\r\n'
    assert next(csv.reader(io.StringIO(line))) == ["Kari Nordmann", "a;b,c", "-1", "7", ""]


def test_harmless_text_stays_readable():
    assert next(csv.reader(io.StringIO(_written(HARMLESS)))) == HARMLESS


def test_writerows_neutralises_every_row():
    out = io.StringIO()
    csv_writer(out).writerows([["=1"], ["a;@b"]])
    assert out.getvalue() == '"\'=1"\r\n"a;\'@b"\r\n'
