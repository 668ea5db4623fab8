import pytest

from cms.spreadsheets import spreadsheet_safe


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+47 123", "'+47 123"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Kari Nordmann", "Kari Nordmann"),
        (None, ""),
        (12, "12"),
    ],
)
def test_formula_starts_stay_text(value, expected):
    assert spreadsheet_safe(value) == expected
