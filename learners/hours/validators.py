"""What a practice-hours entry must be: quarter hours, and a client code that identifies
no one."""

import re
import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.text import is_hidden

QUARTER = Decimal("0.25")
MAX_HOURS = Decimal(24)


def validate_quarter_hours(value: Decimal) -> None:
    """Hours are logged in quarter hours, and an entry is more than nothing and at most
    a day (24). The size is checked first: a huge number (``1e309``) cannot be divided
    into quarters within the decimal context."""
    if value is None:
        return
    value = Decimal(value)
    if not value.is_finite():
        raise ValidationError(_("Enter a number."), code="invalid")
    if value <= 0:
        raise ValidationError(_("Enter more than 0 hours."), code="not_positive")
    if value > MAX_HOURS:
        raise ValidationError(_("An entry can be at most 24 hours."), code="too_many")
    if (value / QUARTER) % 1 != 0:
        raise ValidationError(
            _("Enter hours in steps of a quarter hour (0.25, 0.5, 0.75 …)."), code="quarter"
        )


# A client code must never identify a person. These patterns are deliberately broad:
# refusing a harmless code costs the learner a retype, letting an identity through
# cannot be undone. They are matched against a normalised copy (NFKC, so full-width
# digits and ＠ count; lower case; hidden characters removed; "(at)", "[dot]" and the
# like turned back into "@" and "."), and digits may be split by up to three
# separators of any kind (space . - / _ ( ) …).
_SEP = r"[\W_]{0,3}"
_AT = re.compile(r"\s*(?:[\[({<]\s*(?:at|alfa|snabel-?a|krøllalfa)\s*[\])}>]|\s(?:at|alfa)\s)\s*")
_DOT = re.compile(
    r"\s*(?:[\[({<]\s*(?:dot|punkt|punktum|prikk)\s*[\])}>]|\s(?:dot|punktum|prikk)\s)\s*"
)
_EMAIL = re.compile(r"[^\s@]+\s*@\s*[^\s@]+\s*\.\s*[^\s@.]+")
# Norwegian fødselsnummer/D-nummer (11 digits, DDMMYY + 5) and Danish CPR (DDMMYY-XXXX).
_NATIONAL_ID = re.compile(
    rf"(?<!\d)(?:[0-7]\d[01]\d\d\d{_SEP}\d{{5}}|[0-3]\d[01]\d\d\d{_SEP}\d{{4}})(?!\d)"
)
_ELEVEN_DIGITS = re.compile(rf"(?<!\d)(?:\d{_SEP}){{10}}\d(?!\d)")
# Eight or more digits in one run (separators allowed): a phone number (Nordic numbers
# have 8 digits, more with a country code).
_PHONE = re.compile(rf"(?<!\d)(?:\d{_SEP}){{7,}}\d")


def _normalised(value: str) -> str:
    text = unicodedata.normalize("NFKC", value).lower()
    text = "".join(char for char in text if not is_hidden(char))
    return _DOT.sub(".", _AT.sub("@", f" {text} ")).strip()


def client_code_problem(value: str) -> str | None:
    """Why a client code could identify someone, or ``None`` when it looks anonymous:
    an e-mail address (also written "ola(at)example.no"), a national identity number or
    a phone number, with any separators between the digits."""
    value = _normalised(value or "")
    if not value:
        return None
    if "@" in value and _EMAIL.search(value):
        return _("A client code must not be an e-mail address.")
    if _NATIONAL_ID.search(value) or _ELEVEN_DIGITS.search(value):
        return _("A client code must not be a national identity number (fødselsnummer, CPR).")
    if _PHONE.search(value):
        return _("A client code must not be a phone number.")
    return None


def validate_client_code(value: str) -> None:
    """Client codes are pseudonyms: refuse identity numbers, e-mail addresses and phone
    numbers, and say which one it looked like."""
    problem = client_code_problem(value)
    if problem:
        raise ValidationError(
            "%(problem)s %(advice)s",
            params={
                "problem": problem,
                "advice": _("Use a code that only you and your team can connect to the client."),
            },
            code="identifying",
        )
