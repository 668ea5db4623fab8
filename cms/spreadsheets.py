"""Safety for text written into CSV and XLSX files that people open in spreadsheets."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """A cell that starts like a formula (= + - @, tab, carriage return) is run by a
    spreadsheet; prefix it with an apostrophe so it stays text. None becomes ""."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
