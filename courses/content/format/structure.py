"""A translation has its source's structure: the same keys in the same order at every
level, lists of the same length, and the same structural values (keys, numbers, flags,
dates, URLs, tags, prerequisites …). Only text may differ (TRANSLATION_FORMAT.md)."""

from pathlib import Path
from typing import Any

from .sources import ContentError

# Values under these keys are text a translator rewrites; every other value is structure.
TEXT_KEYS = frozenset({
    "title", "summary", "audience", "outcomes", "label", "name", "description", "intro",
    "text", "explanation", "rubric", "accepted", "prompt", "instructions", "body", "rows",
    "columns", "steps", "areas", "note",
})  # fmt: skip
# Under these keys everything stays as the source has it (titles of published works).
FIXED_KEYS = frozenset({"sources"})
# Text lists whose length is the language's own: a short answer's accepted variants.
FREE_LENGTH_KEYS = frozenset({"accepted"})


def line_of(text: str, needle: str, default: int = 1) -> int:
    """The first line of ``text`` that contains ``needle`` (``default`` if none does)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if needle and needle in line:
            return number
    return default


def same_structure(
    source: Any, translation: Any, *, path: Path, text: str, where: str = "", fixed: bool = False
) -> None:
    """Raise ``ContentError`` (file and line) where ``translation`` leaves ``source``'s
    structure. ``where`` names the place for the message (``certification.requirements[2]``)."""
    if isinstance(source, dict):
        if not isinstance(translation, dict) or list(source) != list(translation):
            names = list(translation) if isinstance(translation, dict) else translation
            raise ContentError(
                path, line_of(text, where.rsplit(".", 1)[-1].split("[")[0] + ":"),
                f"{where or 'the file'} has keys {names}, the source {list(source)} (same keys "
                f"in the same order)",
            )  # fmt: skip
        for name, value in source.items():
            same_structure(
                value, translation[name], path=path, text=text,
                where=f"{where}.{name}" if where else name,
                fixed=fixed or name in FIXED_KEYS,
            )  # fmt: skip
        return
    leaf = where.rsplit(".", 1)[-1].split("[")[0]
    if isinstance(source, list) and leaf in FREE_LENGTH_KEYS and not fixed:
        if not isinstance(translation, list) or not all(isinstance(t, str) for t in translation):
            raise ContentError(path, line_of(text, f"{leaf}:"), f"{where} must be a list of text")
        return
    if isinstance(source, list):
        if not isinstance(translation, list) or len(source) != len(translation):
            raise ContentError(
                path, line_of(text, f"{leaf}:"),
                f"{where} has {len(translation) if isinstance(translation, list) else 0} "
                f"items, the source {len(source)}",
            )  # fmt: skip
        for index, (item, other) in enumerate(zip(source, translation, strict=True)):
            same_structure(
                item, other, path=path, text=text, where=f"{where}[{index}]", fixed=fixed
            )
        return
    if leaf in TEXT_KEYS and not fixed:
        if isinstance(source, str) != isinstance(translation, str):
            raise ContentError(path, line_of(text, f"{leaf}:"), f"{where} must be text")
        return
    if source != translation:
        raise ContentError(
            path, line_of(text, str(translation), line_of(text, f"{leaf}:")),
            f"{where} is {translation!r}, the source has {source!r}; only text is translated",
        )  # fmt: skip
