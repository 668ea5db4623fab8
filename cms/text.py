"""Names that show what they say: no hidden characters on a certificate or in a list.

A bidirectional override (U+202E) makes "Ola\\u202eNordmann" display as "OlannamdroN";
zero-width and other invisible characters make two different names look alike, or a
name look empty. ``clean_name`` removes them, normalises to NFC and collapses
whitespace; ``refuse_invisible`` is the form validator that says which character it
found, so a person can correct a name rather than have it changed silently.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Bidirectional controls: embeddings, overrides, isolates, marks.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
# Invisible characters that are not format characters (category Cf, removed as a
# whole): combining grapheme joiner, Hangul fillers, variation selectors.
INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u3164\uffa0"
    + "".join(chr(code) for code in range(0xFE00, 0xFE10))
    + "".join(chr(code) for code in range(0xE0100, 0xE01F0))
)
_WHITESPACE = re.compile(r"\s+")


def is_hidden(char: str) -> bool:
    """True for a character that changes how a name looks without being seen: bidi
    controls, zero-width characters (U+200B–U+200D, U+2060, U+FEFF), the soft hyphen and
    every other format character, control characters other than whitespace, surrogates,
    private-use characters, variation selectors and invisible fillers."""
    if char in BIDI_CONTROLS or char in INVISIBLE:
        return True
    category = unicodedata.category(char)
    if category == "Cf":  # format: zero-width, soft hyphen, tags, U+2060-2064, ...
        return True
    return category in ("Cc", "Cs", "Co") and not char.isspace()


def clean_name(value: str | None) -> str:
    """``value`` without hidden characters, in NFC, with runs of whitespace (any kind,
    line breaks included) as one space and none at either end."""
    if not value:
        return ""
    visible = "".join(char for char in value if not is_hidden(char))
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", visible)).strip()


def refuse_invisible(value: str | None) -> None:
    """Form validator: refuse a name with a hidden character, naming the first one."""
    for char in value or "":
        if is_hidden(char):
            raise ValidationError(
                _(
                    "Names cannot contain invisible or direction-changing characters "
                    "(found %(code)s). Please type the name again."
                ),
                code="invisible_character",
                params={"code": f"U+{ord(char):04X}"},
            )
