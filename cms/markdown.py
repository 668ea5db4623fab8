"""Markdown to safe HTML: the one place any author's or learner's Markdown becomes markup.

Markdown allows raw HTML, so its output is passed through the nh3 sanitiser with an
allow-list of tags, attributes and URL schemes. Scripts, event-handler attributes,
``javascript:`` links, iframes, styles and forms never survive.
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

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


def render_markdown(text: str, *, heading_offset: int = 0) -> SafeString:
    """Render Markdown and sanitise the result; never returns unsanitised markup.

    ``heading_offset`` shifts heading levels down (1 turns ``#`` into ``<h2>``) so a block
    can sit under the page's own ``<h1>`` without breaking the outline.
    """
    html = markdown_lib.markdown(text or "", extensions=EXTENSIONS, output_format="html")
    if heading_offset:
        html = _shift_headings(html, heading_offset)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just sanitised it


def _shift_headings(html: str, offset: int) -> str:
    for level in range(6, 0, -1):
        target = min(level + offset, 6)
        html = html.replace(f"<h{level}>", f"<h{target}>").replace(f"</h{level}>", f"</h{target}>")
    return html
