"""Blocks every page type may use."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .markdown import render_markdown, validate_markdown


class MarkdownBlock(blocks.TextBlock):
    """Markdown, sanitised on render (headings shift one level below the page title)."""

    def __init__(self, *args, **kwargs):
        # Beyond the limits Markdown is shown flattened: the editor hears why at once.
        kwargs.setdefault("validators", [validate_markdown])
        super().__init__(*args, **kwargs)

    @cached_property
    def field(self):
        """The textarea is named by the block's label: as a direct child of a stream the
        editor shows that label only as the block's heading, which labels nothing."""
        field = super().field
        field.widget.attrs.setdefault("aria-label", self.label)
        return field

    def render_basic(self, value, context=None):
        return render_markdown(value, heading_offset=1)

    class Meta:
        icon = "pilcrow"
        label = _("Markdown")
        description = _("Text written in Markdown")
        rows = 12
