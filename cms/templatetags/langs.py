"""Language of parts (WCAG 3.1.2), one way everywhere.

Content is written in its programme's language (nb, da, de), which need not be the
interface's. Every element that shows content carries that language, and interface words
inside a content block (whose element carries the content's language) carry the
interface's::

    {% load langs %}
    <article{{ programme|lang }}>…<button{% interface_lang %}>{% translate "Save" %}</button>
    <li>{{ module.title|in_lang:programme }} · {% translate "shared" %}</li>

A *source* is a language code, or anything with a ``language`` (a programme, a
certificate) or a ``content_language`` (a journal entry from
``JournalEntry.objects.with_language()``). An unknown source gives no attribute, so the
text falls back to its surroundings' language."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


def language_of(source) -> str:
    """The language code of ``source`` (see the module's docstring), or ``""``."""
    if isinstance(source, str):
        return source
    for attribute in ("language", "content_language"):
        value = getattr(source, attribute, None)
        if isinstance(value, str) and value:
            return value
    return ""


@register.filter
def lang(source) -> str:
    """`` lang="nb"`` for an element's start tag; nothing for an unknown source."""
    code = language_of(source)
    return format_html(' lang="{}"', code) if code else ""


@register.filter
def in_lang(text, source) -> str:
    """``text`` (escaped) in a ``<span lang="…">`` of ``source``'s language."""
    code = language_of(source)
    if not code or text in (None, ""):
        return text
    return format_html('<span lang="{}">{}</span>', code, text)


@register.simple_tag
def interface_lang() -> str:
    """`` lang="en"``: the interface's language, for interface words inside content."""
    return format_html(' lang="{}"', get_language() or "")


@register.filter
def message_in(result, language: str) -> str:
    """``{{ result|message_in:language }}``: ``result.message_in(language)``, a sentence in
    the interface's language with the content's names marked (a certification
    requirement's result, for one)."""
    return result.message_in(language)
