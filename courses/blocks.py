"""The blocks a module's body is built from. Each renders through templates/blocks/.

``MarkdownBlock`` lives in the base layer (``cms.blocks``), where content pages use it too;
it is imported here because older migrations name it ``courses.blocks.MarkdownBlock``."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from cms.blocks import MarkdownBlock

__all__ = [
    "CalloutBlock",
    "CaptionedImageBlock",
    "DecisionStepBlock",
    "DecisionStepsBlock",
    "DownloadBlock",
    "LogWorksheetBlock",
    "MarkdownBlock",
    "ModuleBodyBlock",
    "PlanBlock",
    "RankedListBlock",
    "RatingWheelBlock",
    "ReflectionBlock",
    "SequenceWorksheetBlock",
    "SourceBlock",
    "SourcesBlock",
    "TaskBlock",
    "VideoBlock",
    "WORKSHEET_BLOCKS",
    "WorksheetBlock",
]

# The module body's worksheet blocks: answered in the learner's journal, written to files.
WORKSHEET_BLOCKS = (
    "worksheet",
    "log",
    "sequence",
    "rating_wheel",
    "ranked_list",
    "decision_steps",
    "plan",
)


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


class RankedListBlock(blocks.StructBlock):
    """Items the learner puts in order of importance (a values hierarchy): the given
    items, and as many of their own as ``own`` allows."""

    title = blocks.CharBlock(label=_("Title"))
    instructions = blocks.TextBlock(required=False, label=_("Instructions"))
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Item")), label=_("Items to rank"), min_num=0, required=False
    )
    own = blocks.IntegerBlock(
        default=0, min_value=0, max_value=10, label=_("Learner's own items"),
        help_text=_("How many items of their own the learner may add to the list"),
    )  # fmt: skip

    def clean(self, value):
        """Two places or more; the given items distinct and without ``|`` (the loader's
        rule for files, here for the admin)."""
        value = super().clean(value)
        errors = {}
        if not _distinct(value["items"]):
            errors["items"] = ValidationError(_("The items must differ and not contain '|'."))
        if len(value["items"]) + value["own"] < 2:
            errors["own"] = ValidationError(
                _("A ranked list needs two places or more: given items and the learner's own.")
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "list-ol"
        label = _("Ranked list")
        description = _("Items the learner puts in order, e.g. a values hierarchy")
        template = "blocks/ranked_list.html"


class DecisionStepBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Step"))
    prompt = blocks.TextBlock(label=_("Question"))


class DecisionStepsBlock(blocks.StructBlock):
    """A fixed sequence of named steps, each with a question the learner answers in
    order (the protocol's six-step method for dilemmas)."""

    title = blocks.CharBlock(label=_("Title"))
    instructions = blocks.TextBlock(required=False, label=_("Instructions"))
    steps = blocks.ListBlock(DecisionStepBlock(), label=_("Steps"), min_num=2)

    def clean(self, value):
        """The steps' names are distinct and without ``|``: each names its answer."""
        value = super().clean(value)
        if not _distinct([step["name"] for step in value["steps"]]):
            error = ValidationError(_("The steps' names must differ and not contain '|'."))
            raise StructBlockValidationError(block_errors={"steps": error})
        return value

    class Meta:
        icon = "tasks"
        label = _("Decision steps")
        description = _("Named steps answered in order, e.g. the six-step dilemma method")
        template = "blocks/decision_steps.html"


class PlanBlock(blocks.StructBlock):
    """A plan the learner fills row by row: action, owner, due date and status (an
    implementation plan, a change plan)."""

    title = blocks.CharBlock(label=_("Title"))
    instructions = blocks.TextBlock(required=False, label=_("Instructions"))

    class Meta:
        icon = "date"
        label = _("Plan with dates and owners")
        description = _("Rows of action, owner, due date and status, e.g. an implementation plan")
        template = "blocks/plan.html"


def _distinct(labels) -> bool:
    return len(set(labels)) == len(labels) and not any("|" in label for label in labels)


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
    ranked_list = RankedListBlock()
    decision_steps = DecisionStepsBlock()
    plan = PlanBlock()
