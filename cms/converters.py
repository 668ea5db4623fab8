"""Path converters for every URL of our own.

Django's ``<int:…>`` takes any run of digits, so ``/hours/99999999999999999999/`` reaches
the database with a number no integer column holds (SQLite raises ``OverflowError``,
PostgreSQL an out-of-range error: a 500). ``<id:…>`` takes only numbers a 64-bit primary
key can hold and answers anything larger with a 404, like an id that does not exist.
Every pattern of ours uses it (``tests/cms/test_converters.py`` checks the resolver).
"""

from django.urls import register_converter

MAX_ID = 2**63 - 1


class BoundedIntConverter:
    """A non-negative integer that fits a signed 64-bit column."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("too large for an id")  # the resolver then tries on: a 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(BoundedIntConverter, "id")


def parse_id(raw) -> int | None:
    """A posted or queried id as an int, or None unless it is plain ASCII digits that fit
    a 64-bit id. (``"²".isdigit()`` is true, and a huge number overflows the database's
    integer: both used to give a 500.)"""
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        return None
    text = str(raw).strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 19):
        return None
    number = int(text)
    return number if number <= MAX_ID else None
