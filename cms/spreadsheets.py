"""Safety for text written into CSV and XLSX files that people open in spreadsheets.

A spreadsheet runs a cell as a formula when it starts with ``=``, ``+``, ``-`` or ``@``
(after spaces or a quote, in some). A CSV file opened with another separator than it was
written with (``;`` in Nordic and German Excel, tab, ``|``) or with quotes ignored splits
one of our cells into several, so a formula can start wherever a separator or a line
break is followed by one of those characters, not only at the start of the cell.

The scheme: every place a piece of a cell could start (the start of the cell and the
character after each ``,`` ``;`` tab ``|`` or line break) that continues, after spaces
and double quotes, with a formula character gets an apostrophe, so the piece is text
whatever the separator. Plain numbers (``-12``, ``+47``, ``-1,5``) are left alone: a
spreadsheet reads them as numbers, never as formulas, and an apostrophe would turn a
negative number into text. A cell that starts with a tab or carriage return is prefixed
too (some spreadsheets drop them and read what follows).

``csv_writer`` writes every cell quoted (``csv.QUOTE_ALL``), so a separator inside a
cell never splits it in a reader that honours quotes, and passes each cell through
``spreadsheet_safe`` for readers that do not.
"""

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_CHARS = "=+-@"
SEPARATORS = ",;\t|\r\n"

# At the start of a piece: optional spaces and double quotes, then a formula character,
# unless the whole piece is a plain number.
_FORMULA_PIECE = re.compile(
    r"(?:^|(?<=[,;\t|\r\n]))"
    r"(?=[ \"]*[=+\-@])"
    r"(?![+-]\d+(?:[.,]\d+)*[ \"]*(?:[,;\t|\r\n]|$))"
)


def spreadsheet_safe(value: Any) -> str:
    """Text that no spreadsheet runs as a formula, whichever separator it splits on:
    an apostrophe goes before every piece that would start like a formula (``=`` ``+``
    ``-`` ``@``) and before a leading tab or carriage return; plain numbers stay
    numbers. None becomes ""."""
    text = "" if value is None else str(value)
    text = _FORMULA_PIECE.sub("'", text)
    return "'" + text if text.startswith(("\t", "\r")) else text


class SafeCsvWriter:
    """A ``csv.writer`` that quotes every cell and makes every cell spreadsheet-safe."""

    def __init__(self, out, **kwargs: Any) -> None:
        self._writer = csv.writer(out, quoting=csv.QUOTE_ALL, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([spreadsheet_safe(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out, **kwargs: Any) -> SafeCsvWriter:
    """The CSV writer for every export: ``csv_writer(response).writerow([...])``.
    Cells are quoted and neutralised; callers pass raw values (None becomes "")."""
    return SafeCsvWriter(out, **kwargs)
