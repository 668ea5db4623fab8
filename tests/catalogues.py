"""Our translation catalogues (locale/*/LC_MESSAGES/django.po): what is untranslated or
fuzzy in them, and which messages of the code ``makemessages`` would add to them."""

import ast
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("nb", "da", "de")
# What makemessages reads: the apps and the site-wide templates (not .venv, node_modules,
# content/ or the tests).
SOURCES = ("cms", "courses", "learners", "assessments", "templates")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgstr: dict[str, str] = field(default_factory=dict)
    fuzzy: bool = False
    obsolete: bool = False


def parse_po(text: str) -> list[Entry]:
    """The entries of a .po file (the header, msgid "", left out)."""
    entries, entry, current = [], Entry(), None

    def finish():
        nonlocal entry
        if entry.msgid or entry.msgstr:
            entries.append(entry)
        entry = Entry()

    for line in [*text.splitlines(), ""]:
        line = line.strip()
        if not line:
            finish()
            current = None
        elif line.startswith("#~"):
            entry.obsolete = True
        elif line.startswith("#,"):
            entry.fuzzy = "fuzzy" in line[2:].split(", ") or "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, current, ast.literal_eval(line))
        else:
            keyword, _, value = line.partition(" ")
            if keyword in ("msgid", "msgid_plural") and current and current.startswith("msgstr"):
                finish()
            current = keyword
            _append(entry, current, ast.literal_eval(value))
    return [e for e in entries if e.msgid and not e.obsolete]


def _append(entry: Entry, keyword: str, value: str) -> None:
    if keyword == "msgid":
        entry.msgid += value
    elif keyword == "msgid_plural":
        entry.msgid_plural += value
    elif keyword.startswith("msgstr"):
        entry.msgstr[keyword] = entry.msgstr.get(keyword, "") + value


def gaps(entries: list[Entry]) -> list[str]:
    """The msgids that are fuzzy or lack a translation (any plural form)."""
    return [
        entry.msgid
        for entry in entries
        if entry.fuzzy or not entry.msgstr or not all(entry.msgstr.values())
    ]


def catalogue(language: str, root: Path = ROOT) -> list[Entry]:
    path = root / "locale" / language / "LC_MESSAGES" / "django.po"
    return parse_po(path.read_text(encoding="utf-8"))


def extracted_msgids(root: Path = ROOT, plant: dict[str, str] | None = None) -> set[str]:
    """The msgids ``makemessages`` finds in a copy of the sources (plus the ``plant``ed
    files, path -> text), for one language: msgids are the same in every catalogue."""
    with tempfile.TemporaryDirectory() as temporary:
        copy = Path(temporary)
        for name in SOURCES:
            shutil.copytree(
                root / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
            )
        shutil.copytree(root / "locale" / "nb", copy / "locale" / "nb")
        for relative, text in (plant or {}).items():
            (copy / relative).parent.mkdir(parents=True, exist_ok=True)
            (copy / relative).write_text(text, encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "-l", "nb", "--no-location",
             "--no-obsolete", "--no-wrap"],
            cwd=copy, check=True, capture_output=True,
            # The copy's own settings, so LOCALE_PATHS is the copy's locale/ and the
            # real catalogues are never written.
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test",
                 "PYTHONPATH": str(copy)},
        )  # fmt: skip
        return {entry.msgid for entry in catalogue("nb", copy)}
