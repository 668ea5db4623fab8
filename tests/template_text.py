"""The template checker: text a person reads must go through {% translate %} or
{% blocktranslate %}. It reads every template of the project and reports text outside
them — in HTML text, in the attributes people read (alt, title, placeholder, aria-label,
label, value of buttons), and anywhere in a plain-text template (e-mails).

Django's own template lexer splits a template into text and tags; everything between
{% blocktranslate %} and its end, {% comment %} and {% verbatim %} is skipped, every tag
and variable becomes a placeholder, and what is left is parsed as HTML."""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates")),
                 *sorted(ROOT.glob("*/*/templates"))]  # fmt: skip
PLACEHOLDER = "\x00"
VISIBLE_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "label", "aria-description"}
SKIPPED_ELEMENTS = {"script", "style", "code", "pre", "svg"}
# Words that read the same in every language: names and symbols.
UNTRANSLATED_WORDS = {"Praksis", "PDF", "CSV", "Markdown", "JSON", "JWT", "VC-JWT", "QR",
                      "Open", "Badges", "htmx", "Wagtail", "Designsystemet", "DID", "OK",
                      "ID", "e-mail", "HTML", "CSS", "SVG", "ZIP", "URL", "PNG", "Ed25519",
                      "ES256", "P-256", "JWKS", "ORCID", "GitHub", "UTC", "SHA"}  # fmt: skip
WORD = re.compile(r"[^\W\d_]{2,}")
TAG_WITH_PLACEHOLDER = re.compile(f"(</?[a-zA-Z][a-zA-Z0-9]*){PLACEHOLDER}")


@dataclass(frozen=True)
class Finding:
    template: str
    text: str

    def __str__(self) -> str:
        return f"{self.template}: {self.text!r}"


def template_files() -> list[Path]:
    """Every template of the project (bench/ is a measuring tool, not read by people)."""
    files = []
    for directory in TEMPLATE_DIRS:
        if "bench" in directory.parts:
            continue
        files += [p for p in directory.rglob("*") if p.suffix in (".html", ".txt", ".md")]
    return sorted(files)


def skeleton(source: str) -> str:
    """The template with its translated, commented and verbatim parts removed and every
    other tag or variable replaced by a placeholder."""
    out, skipping = [], None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.COMMENT:
            continue
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if skipping:
                if name == skipping:
                    skipping = None
                    out.append(PLACEHOLDER)
                continue
            if name in ("blocktranslate", "blocktrans"):
                skipping = "endblocktranslate" if name == "blocktranslate" else "endblocktrans"
                continue
            if name in ("comment", "verbatim"):
                skipping = "end" + name
                continue
            out.append(PLACEHOLDER)
        elif token.token_type == TokenType.VAR:
            out.append(PLACEHOLDER)
        elif not skipping:
            out.append(token.contents)
    return "".join(out)


def untranslated_words(text: str) -> str | None:
    """The text, if it has a word a person reads that is not in ``UNTRANSLATED_WORDS``."""
    text = " ".join(text.replace(PLACEHOLDER, " ").split())
    words = [w for w in WORD.findall(text) if w not in UNTRANSLATED_WORDS]
    return text if words else None


class _TextFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS:
            self.skipping.append(tag)
        button_value = tag == "input" and ("type", "submit") in attrs
        for name, value in attrs:
            if value and (name in VISIBLE_ATTRIBUTES or (button_value and name == "value")):
                self._check(value)

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self._check(data)

    def _check(self, text):
        if found := untranslated_words(text):
            self.found.append(found)


def check_source(source: str, name: str) -> list[Finding]:
    """What in ``source`` (a template named ``name``) a person reads untranslated."""
    text = skeleton(source)
    if not name.endswith(".html"):
        found = untranslated_words(text)
        return [Finding(name, found)] if found else []
    finder = _TextFinder()
    # A tag whose name or attributes are made by template tags (<h{{ level }}>,
    # <div{% if … %} hidden{% endif %}>) is still a tag.
    finder.feed(TAG_WITH_PLACEHOLDER.sub(r"\1 ", text))
    finder.close()
    return [Finding(name, found) for found in finder.found]


def check_templates(files: list[Path] | None = None) -> list[Finding]:
    findings = []
    for path in files if files is not None else template_files():
        findings += check_source(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    return findings
