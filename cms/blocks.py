"""Blocks every page type may use."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .markdown import render_markdown, validate_markdown


class MarkdownBlock(blocks.TextBlock):
    """Markdown, sanitised on render (headings shift one level below the page title)."""

    def __init__(self, *args, **kwargs):
        # Beyond the limits Markdown is shown flattened: the editor hears why at once.
        kwargs.setdefault("validators", [validate_markdown])
        super().__init__(*args, **kwargs)

    def render_basic(self, value, context=None):
        return render_markdown(value, heading_offset=1)

    class Meta:
        icon = "pilcrow"
        label = _("Markdown")
        description = _("Text written in Markdown")
        rows = 12
