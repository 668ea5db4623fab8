"""The blocks a module's body is built from. Each renders through templates/blocks/.

``MarkdownBlock`` lives in the base layer (``cms.blocks``), where content pages use it too;
it is imported here because older migrations name it ``courses.blocks.MarkdownBlock``."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from cms.blocks import MarkdownBlock

__all__ = [
    "CalloutBlock",
    "CaptionedImageBlock",
    "DownloadBlock",
    "LogWorksheetBlock",
    "MarkdownBlock",
    "ModuleBodyBlock",
    "RatingWheelBlock",
    "ReflectionBlock",
    "SequenceWorksheetBlock",
    "SourceBlock",
    "SourcesBlock",
    "TaskBlock",
    "VideoBlock",
    "WorksheetBlock",
]


class CalloutBlock(blocks.StructBlock):
    """A highlighted box. A *content note* warns before distressing material and is shown
    ahead of everything else on the module page."""

    KINDS = [
        ("note", _("Note")),
        ("tip", _("Tip")),
        ("warning", _("Warning")),
        ("content_note", _("Content note")),
    ]
    kind = blocks.ChoiceBlock(choices=KINDS, default="note", label=_("Kind"))
    title = blocks.CharBlock(required=False, label=_("Title"))
    body = MarkdownBlock(label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        description = _("A note, tip, warning or content note")
        template = "blocks/callout.html"


class ReflectionBlock(blocks.StructBlock):
    """A question the learner answers in their reflection journal."""

    title = blocks.CharBlock(label=_("Title"))
    prompt = MarkdownBlock(label=_("Prompt"))
    optional_lived_experience = blocks.BooleanBlock(
        required=False,
        default=False,
        label=_("Optional: assumes lived experience"),
        help_text=_(
            "The question assumes the learner's own experience (of recovery, for example); "
            "learners may skip it, and skipping never holds back completion"
        ),
    )

    class Meta:
        icon = "help"
        label = _("Reflection prompt")
        description = _("A question for the learner's journal")
        template = "blocks/reflection.html"


class TaskBlock(blocks.StructBlock):
    """Something to try at work or in the group, with instructions."""

    title = blocks.CharBlock(label=_("Title"))
    instructions = MarkdownBlock(label=_("Instructions"))

    class Meta:
        icon = "tasks"
        label = _("Practice task")
        description = _("An exercise to do at work or in the group")
        template = "blocks/task.html"


class WorksheetBlock(blocks.StructBlock):
    """A grid the learner fills in: every row × column is one cell (2 × 2 makes the
    four-cell cost–benefit analysis)."""

    title = blocks.CharBlock(label=_("Title"))
    instructions = blocks.TextBlock(required=False, label=_("Instructions"))
    rows = blocks.ListBlock(blocks.CharBlock(label=_("Row")), label=_("Rows"), min_num=1)
    columns = blocks.ListBlock(blocks.CharBlock(label=_("Column")), label=_("Columns"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Worksheet")
        description = _("A structured grid, e.g. a cost–benefit analysis")
        template = "blocks/worksheet.html"


class LogWorksheetBlock(blocks.StructBlock):
    """A repeating log: the learner adds a row each time (an urge diary, a practicum
    log), filling in the same columns."""

    title = blocks.CharBlock(label=_("Title"))
    instructions = blocks.TextBlock(required=False, label=_("Instructions"))
    columns = blocks.ListBlock(blocks.CharBlock(label=_("Column")), label=_("Columns"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Repeating log")
        description = _("Rows the learner adds, e.g. an urge diary")
        template = "blocks/log_worksheet.html"


class SequenceWorksheetBlock(blocks.StructBlock):
    """Steps answered in order, one box each (the ABC(DE) model: event, beliefs,
    consequences, disputing, effective new thinking)."""

    title = blocks.CharBlock(label=_("Title"))
    instructions = blocks.TextBlock(required=False, label=_("Instructions"))
    steps = blocks.ListBlock(blocks.CharBlock(label=_("Step")), label=_("Steps"), min_num=2)

    class Meta:
        icon = "order"
        label = _("Sequence")
        description = _("Steps answered in order, e.g. ABC(DE)")
        template = "blocks/sequence_worksheet.html"


class RatingWheelBlock(blocks.StructBlock):
    """Areas rated on a scale (the life-balance wheel). The learner types a number per
    area in a table, which is also the non-visual form of the wheel drawn from it."""

    title = blocks.CharBlock(label=_("Title"))
    instructions = blocks.TextBlock(required=False, label=_("Instructions"))
    areas = blocks.ListBlock(blocks.CharBlock(label=_("Area")), label=_("Areas"), min_num=3)
    scale = blocks.IntegerBlock(
        default=10, min_value=2, max_value=10, label=_("Highest rating"),
        help_text=_("Ratings go from 0 to this number"),
    )  # fmt: skip

    class Meta:
        icon = "radio-full"
        label = _("Rating wheel")
        description = _("Areas rated from 0 to a maximum, e.g. the life-balance wheel")
        template = "blocks/rating_wheel.html"


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, label=_("Link text"))

    class Meta:
        icon = "download"
        label = _("Download")
        template = "blocks/download.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class VideoBlock(EmbedBlock):
    class Meta:
        icon = "media"
        label = _("Video")
        description = _("A video from YouTube, Vimeo or another oEmbed provider")
        template = "blocks/video.html"


class SourceBlock(blocks.StructBlock):
    """A work a programme builds on, credited on the programme page."""

    title = blocks.CharBlock(label=_("Title"))
    author = blocks.CharBlock(required=False, label=_("Author or organisation"))
    year = blocks.IntegerBlock(required=False, min_value=1000, max_value=9999, label=_("Year"))
    url = blocks.URLBlock(required=False, label=_("Address (URL)"))

    class Meta:
        icon = "openquote"
        label = _("Source")


class SourcesBlock(blocks.StreamBlock):
    source = SourceBlock()


class ModuleBodyBlock(blocks.StreamBlock):
    markdown = MarkdownBlock()
    rich_text = blocks.RichTextBlock(label=_("Rich text"), icon="doc-full")
    image = CaptionedImageBlock()
    video = VideoBlock()
    download = DownloadBlock()
    callout = CalloutBlock()
    reflection = ReflectionBlock()
    task = TaskBlock()
    worksheet = WorksheetBlock()
    log = LogWorksheetBlock()
    sequence = SequenceWorksheetBlock()
    rating_wheel = RatingWheelBlock()
