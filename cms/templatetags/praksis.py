from django import template

from cms.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str, heading_offset: int = 0):
    """``{{ text|markdown }}`` or ``{{ text|markdown:1 }}`` (headings one level down)."""
    return render_markdown(text, heading_offset=int(heading_offset))
