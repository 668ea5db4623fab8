"""What a practice-hours entry must be: quarter hours, and a client code that identifies
no one."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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
# cannot be undone.
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
# Norwegian fødselsnummer/D-nummer (11 digits, DDMMYY + 5) and Danish CPR (DDMMYY-XXXX),
# written with or without separators.
_NATIONAL_ID = re.compile(
    r"(?<!\d)(?:[0-7]\d[01]\d\d\d[\s.-]?\d{5}|[0-3]\d[01]\d\d\d[\s.-]?\d{4})(?!\d)"
)
_PHONE_CHARS = re.compile(r"^\+?[\d\s().-]+$")


def client_code_problem(value: str) -> str | None:
    """Why a client code could identify someone, or ``None`` when it looks anonymous."""
    value = (value or "").strip()
    if not value:
        return None
    if _EMAIL.search(value):
        return _("A client code must not be an e-mail address.")
    if _NATIONAL_ID.search(value) or re.search(r"(?<!\d)\d{11}(?!\d)", value):
        return _("A client code must not be a national identity number (fødselsnummer, CPR).")
    digits = re.sub(r"\D", "", value)
    if (_PHONE_CHARS.match(value) and len(digits) >= 8) or re.search(r"\d{8,}", value):
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
