"""A check shared by the export tests: a CSV file is safe in any spreadsheet."""

import csv
import io
import re

_NUMBER = re.compile(r"[+-]\d+(?:[.,]\d+)*[ \"]*$")


def assert_csv_safe(text: str) -> list[list[str]]:
    """Every cell is quoted (the file reads the same whatever separator a spreadsheet
    assumes, for readers that honour quotes), and wherever a spreadsheet that ignores
    quotes could start a cell (after , ; tab | or a line break) no formula starts.
    Returns the rows."""
    rows = list(csv.reader(io.StringIO(text)))
    again = io.StringIO()
    csv.writer(again, quoting=csv.QUOTE_ALL).writerows(rows)
    assert again.getvalue() == text, "every cell is quoted"
    for piece in re.split(r"[,;\t|\r\n]", text):
        start = piece.lstrip(' "')
        assert not start.startswith(("=", "+", "-", "@")) or _NUMBER.match(start), piece
    return rows
