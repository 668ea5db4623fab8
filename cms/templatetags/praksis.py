from django import template

from cms.formats import format_hours_unit
from cms.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str, heading_offset: int = 0):
    """``{{ text|markdown }}`` or ``{{ text|markdown:1 }}`` (headings one level down)."""
    return render_markdown(text, heading_offset=int(heading_offset))


@register.filter
def get_item(mapping, key):
    """``{{ entries|get_item:block.id }}``: look a key up in a dict (None if absent)."""
    return mapping.get(key) if mapping else None


@register.filter
def cell_label(key: str) -> str:
    """A worksheet cell key ``"row|column"`` as people read it: ``"row – column"``."""
    return " – ".join(part for part in str(key).split("|", 1))


@register.filter
def hours(value) -> str:
    """``{{ entry.hours|hours }}``: "7,5 t" in nb, "7.5 h" in en (``format_hours_unit``)."""
    return format_hours_unit(value)
