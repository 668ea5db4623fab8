"""Markdown to safe HTML: the one place any author's or learner's Markdown becomes markup.

Markdown allows raw HTML, so its output is passed through the nh3 sanitiser with an
allow-list of tags, attributes and URL schemes. Scripts, event-handler attributes,
``javascript:`` links, iframes, styles and forms never survive.

Python-Markdown is slow or recursive on some inputs: every ``[`` that is never closed
makes the link patterns scan to the end of the paragraph (quadratic: 10,000 of them take
a minute), links nested in link text are parsed again at every level, deep lists and
definition lists recurse until ``RecursionError``, and each heading, list item, table
row, HTML tag or formatting mark costs a fixed slice of time. ``markdown_limit`` measures
all of these in one linear pass *before* the parser runs; text beyond a limit is shown
as plain escaped paragraphs with a note saying why (nothing typed is lost), and
``validate_markdown`` refuses it at save time with the same words.
"""

import html
import logging
import re
from dataclasses import dataclass

import markdown as markdown_lib
import nh3
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "s",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
EXTENSIONS = ["tables", "sane_lists", "fenced_code", "def_list", "abbr"]

# The limits. Each is far above what a module text, journal entry or essay answer needs
# (the longest module file in content/ has 8,400 characters) and low enough that the
# parser stays well under 100 ms on this hardware (measured; see tests/cms).
MAX_LENGTH = 20_000  # characters
MAX_NESTING = 16  # lists and quotations inside each other
MAX_LINK_NESTING = 8  # [ inside [
MAX_OPEN_BRACKET_SCAN = 20_000  # characters scanned past brackets that never close
MAX_BLOCK_LINES = 200  # headings, list items, table rows, rules, fences, definitions
MAX_PARAGRAPHS = 500  # blocks separated by blank lines
MAX_INLINE_MARKS = 1_500  # runs of * _ `, and [ < & \ |
MAX_HTML_TAGS = 200


@dataclass(frozen=True)
class MarkdownLimit:
    """Which limit a text goes beyond, as a clause for a sentence ("it is longer than
    20000 characters")."""

    code: str
    reason: Promise
    limit: int

    @property
    def message(self) -> str:
        return str(self.reason) % {"limit": self.limit}


_REASONS = {
    "length": _("it is longer than %(limit)s characters"),
    "nesting": _("its lists or quotations are nested more than %(limit)s levels deep"),
    "link_nesting": _("its links or square brackets are nested more than %(limit)s levels deep"),
    "open_brackets": _(
        "it has brackets that are never closed ([ without ] or ( without )); "
        "more than %(limit)s characters follow them"
    ),
    "block_lines": _("it has more than %(limit)s headings, list items, table rows or rules"),
    "paragraphs": _("it has more than %(limit)s paragraphs"),
    "inline_marks": _("it has more than %(limit)s formatting marks (* _ ` [ < & \\ |)"),
    "html_tags": _("it has more than %(limit)s HTML tags"),
}

# A line that starts a block of its own: heading, quotation, list item, definition,
# table row, setext underline, horizontal rule, code fence or abbreviation.
_BLOCK_LINE = re.compile(
    r"^[ \t]*(?:#|>|[-*+][ \t]|\d{1,9}[.)][ \t]|:[ \t]|\||=+[ \t]*$|-+[ \t]*$"
    r"|[-*_][ \t]*[-*_][ \t]*[-*_]|`{3}|~{3}|\*\[)",
    re.MULTILINE,
)
# A line can only be nested MAX_NESTING deep if its leading run of indentation and
# markers is at least that long; only such lines are measured exactly.
_DEEP_PREFIX = re.compile(rf"^[ \t>*+\-\d.)]{{{MAX_NESTING + 1},}}", re.MULTILINE)
_RULE = re.compile(r"[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")  # - - - is a rule, not a list
_MARKER = re.compile(r"[ \t]*(>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))")
_INLINE_MARK = re.compile(r"[*_]+|`+|[\[<&\\|]")
_HTML_TAG = re.compile(r"<[A-Za-z/!?]")
_BRACKET = re.compile(r"\\.|[\[\]()]", re.DOTALL)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def markdown_limit(text: str) -> MarkdownLimit | None:
    """The first limit ``text`` goes beyond, or None when Python-Markdown may parse it.

    Linear in the length of the text (a few milliseconds at ``MAX_LENGTH``)."""
    text = text or ""
    if len(text) > MAX_LENGTH:
        return _limit("length", MAX_LENGTH)
    if any(_too_deep(text, match) for match in _DEEP_PREFIX.finditer(text)):
        return _limit("nesting", MAX_NESTING)
    if len(_BLOCK_LINE.findall(text)) > MAX_BLOCK_LINES:
        return _limit("block_lines", MAX_BLOCK_LINES)
    if len(_BLANK_LINE.findall(text)) >= MAX_PARAGRAPHS:
        return _limit("paragraphs", MAX_PARAGRAPHS)
    if len(_HTML_TAG.findall(text)) > MAX_HTML_TAGS:
        return _limit("html_tags", MAX_HTML_TAGS)
    depth, scan = 0, 0
    for block in _BLANK_LINE.split(text):
        if "[" in block:
            block_depth, block_scan = _brackets(block)
            depth, scan = max(depth, block_depth), scan + block_scan
    if depth > MAX_LINK_NESTING:
        return _limit("link_nesting", MAX_LINK_NESTING)
    if scan > MAX_OPEN_BRACKET_SCAN:
        return _limit("open_brackets", MAX_OPEN_BRACKET_SCAN)
    if len(_INLINE_MARK.findall(text)) > MAX_INLINE_MARKS:
        return _limit("inline_marks", MAX_INLINE_MARKS)
    return None


def validate_markdown(text: str) -> None:
    """Form and model validator: refuse Markdown that would be shown without formatting,
    naming the limit, so the writer can simplify it before it is saved."""
    limit = markdown_limit(text)
    if limit is not None:
        raise ValidationError(
            _("This text is too complex to format: %(reason)s. Please simplify it."),
            code=f"markdown_{limit.code}",
            params={"reason": limit.message},
        )


def check_markdown_fields(instance, *names: str) -> None:
    """For a model's ``clean()``: refuse every Markdown field among ``names`` that goes
    beyond a limit, each with ``validate_markdown``'s message on its own field."""
    errors = {}
    for name in names:
        try:
            validate_markdown(getattr(instance, name) or "")
        except ValidationError as error:
            errors[name] = error
    if errors:
        raise ValidationError(errors)


def render_markdown(text: str, *, heading_offset: int = 0) -> SafeString:
    """Render Markdown and sanitise the result; never returns unsanitised markup and never
    raises.

    ``heading_offset`` shifts heading levels down (1 turns ``#`` into ``<h2>``) so a block
    can sit under the page's own ``<h1>`` without breaking the outline. Text beyond a
    limit of ``markdown_limit`` is shown as plain paragraphs with a note.
    """
    text = text or ""
    limit = markdown_limit(text)
    if limit is not None:
        return _plain(text, limit.message)
    try:
        html_text = markdown_lib.markdown(text, extensions=EXTENSIONS, output_format="html")
    except RecursionError:
        logger.warning("Markdown recursed too deeply on %d characters", len(text))
        return _plain(text, str(_("it is nested too deeply")))
    except Exception:  # a parser bug must not turn someone's text into a server error
        logger.exception("Markdown failed on %d characters", len(text))
        return _plain(text, str(_("it could not be formatted")))
    if heading_offset:
        html_text = _shift_headings(html_text, heading_offset)
    return _sanitise(html_text)


def _limit(code: str, limit: int) -> MarkdownLimit:
    return MarkdownLimit(code=code, reason=_REASONS[code], limit=limit)


def _too_deep(text: str, match: re.Match) -> bool:
    end = text.find("\n", match.start())
    line = text[match.start() : end if end >= 0 else len(text)]
    return not _RULE.match(line) and _nesting(match.group(0)) > MAX_NESTING


def _nesting(prefix: str) -> int:
    """Levels of list and quotation nesting in a line's leading characters: one per four
    columns of indentation and one per marker (``>``, ``-``, ``*``, ``+``, ``1.``),
    counted up to one beyond the limit."""
    stripped = prefix.lstrip(" \t")
    indent = prefix[: len(prefix) - len(stripped)].expandtabs(4)
    depth = len(indent) // 4
    position = len(prefix) - len(stripped)
    while depth <= MAX_NESTING and (match := _MARKER.match(prefix, position)):
        depth += 1
        position = match.end()
    return depth


def _brackets(block: str) -> tuple[int, int]:
    """(deepest ``[`` nesting, characters the link patterns scan past brackets that never
    close) for one paragraph. Python-Markdown looks for the ``]`` of every ``[`` and the
    ``)`` of every ``](`` up to the end of the paragraph when there is none."""
    squares: list[int] = []
    parens: list[tuple[int, bool]] = []
    deepest = 0
    for match in _BRACKET.finditer(block):
        char, position = match.group(0), match.start()
        if char == "[":
            squares.append(position)
            deepest = max(deepest, len(squares))
        elif char == "]":
            if squares:
                squares.pop()
        elif char == "(":
            parens.append((position, block[position - 1 : position] == "]"))
        elif char == ")" and parens:
            parens.pop()
    unclosed = squares + [position for position, after_link_text in parens if after_link_text]
    return deepest, sum(len(block) - position for position in unclosed)


def _plain(text: str, reason: str) -> SafeString:
    """The text as escaped paragraphs (line breaks kept), after a note saying why."""
    note = _("Shown without formatting because %(reason)s.") % {"reason": reason}
    paragraphs = [
        "<p>" + "<br>\n".join(html.escape(line) for line in block.split("\n")) + "</p>"
        for block in _BLANK_LINE.split(text.replace("\r\n", "\n").replace("\r", "\n"))
        if block.strip()
    ]
    return _sanitise("\n".join([f"<p><em>{html.escape(str(note))}</em></p>", *paragraphs]))


def _sanitise(html_text: str) -> SafeString:
    cleaned = nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(_table_regions(cleaned))  # noqa: S308 - nh3 has just sanitised it


_TABLE = re.compile(r"<table>.*?</table>", re.S)
_HEADER_CELL = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _table_regions(html_text: str) -> str:
    """Each table (in sanitised HTML) inside a keyboard-focusable region named by its
    column headings, so a table wider than the screen scrolls with the keyboard too
    (WCAG 2.1.1; the region is ``.table-region``, as ``{% scrollregion %}`` makes it)."""

    def wrap(match: re.Match) -> str:
        headings = [
            html.unescape(_TAG.sub("", cell)).strip()
            for cell in _HEADER_CELL.findall(match.group(0))
        ]
        named = [heading for heading in headings if heading]
        label = _("Table: %(columns)s") % {"columns": ", ".join(named)} if named else _("Table")
        start = '<div class="table-region" role="region" tabindex="0" aria-label="{}">'
        return start.format(html.escape(str(label))) + match.group(0) + "</div>"

    return _TABLE.sub(wrap, html_text)


def _shift_headings(html_text: str, offset: int) -> str:
    for level in range(6, 0, -1):
        target = min(level + offset, 6)
        html_text = html_text.replace(f"<h{level}>", f"<h{target}>").replace(
            f"</h{level}>", f"</h{target}>"
        )
    return html_text
