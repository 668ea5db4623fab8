"""The question bank: reusable questions, kept as Wagtail snippets with revisions."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import RevisionMixin
from wagtail.search import index

from cms.markdown import check_markdown_fields
from courses.models import stable_key_field


class ChoiceBlock(blocks.StructBlock):
    """One option of a choice question. Its block id stays the same through edits, so
    attempts and item analysis can follow an option after its wording is corrected."""

    text = blocks.CharBlock(label=_("Text"), max_length=500)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)

    class Meta:
        icon = "tick"
        label = _("Choice")


class TaggedQuestion(TaggedItemBase):
    content_object = ParentalKey(
        "assessments.Question", on_delete=models.CASCADE, related_name="tagged_items"
    )


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Question(RevisionMixin, index.Indexed, ClusterableModel):
    """A question in the bank. Exams copy what they show into each attempt, so editing a
    question never changes an attempt that has already started."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")
        SHORT_ANSWER = "short_answer", _("Short answer")
        ESSAY = "essay", _("Essay")

    class Scoring(models.TextChoices):
        ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")
        PARTIAL = "partial", _("Partial, with a penalty for wrong choices")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)

    content_key = stable_key_field(
        _("Links this question to its exam file in content/. Never change it.")
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("programme"),
        help_text=_("The programme whose bank holds the question; its exams draw only from it"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField(_("question"), help_text=_("Markdown"))
    points = models.DecimalField(
        _("points"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    choices = StreamField(
        [("choice", ChoiceBlock())],
        verbose_name=_("choices"),
        blank=True,
        help_text=_("For single and multiple choice questions"),
    )
    scoring = models.CharField(
        _("scoring"),
        max_length=20,
        choices=Scoring.choices,
        default=Scoring.ALL_OR_NOTHING,
        help_text=_("For multiple choice questions"),
    )
    true_false_answer = models.BooleanField(
        _("the statement is true"), null=True, blank=True, help_text=_("For true or false")
    )
    accepted_answers = models.TextField(
        _("accepted answers"),
        blank=True,
        help_text=_("For short answers: one per line; case and spacing are ignored"),
    )
    rubric = models.TextField(
        _("rubric"), blank=True, help_text=_("For essays: what earns the points (Markdown)")
    )
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Shown as feedback (Markdown)")
    )
    tags = ClusterTaggableManager(
        through=TaggedQuestion, blank=True, verbose_name=_("tags"), help_text=_("Domain or topic")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("programme"),
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("points"),
        MultiFieldPanel(
            [FieldPanel("choices"), FieldPanel("scoring")], heading=_("Choice questions")
        ),
        FieldPanel("true_false_answer"),
        FieldPanel("accepted_answers"),
        FieldPanel("rubric"),
        FieldPanel("explanation"),
        FieldPanel("tags"),
        FieldPanel("content_key"),
    ]
    search_fields = [index.SearchField("text"), index.FilterField("kind")]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["pk"]

    def __str__(self) -> str:
        return Truncator(self.text.replace("\n", " ")).chars(80)

    @property
    def accepted_answer_list(self) -> list[str]:
        return split_lines(self.accepted_answers)

    def choice_list(self) -> list[dict]:
        """The options as plain data: id, text and whether it is correct."""
        return [
            {
                "id": str(block.id),
                "text": block.value["text"],
                "correct": bool(block.value["correct"]),
            }
            for block in self.choices
        ]

    def clean(self):
        super().clean()
        check_markdown_fields(self, "text", "rubric", "explanation")
        correct = [choice for choice in self.choice_list() if choice["correct"]]
        if self.kind in self.CHOICE_KINDS and len(self.choices) < 2:
            raise ValidationError({"choices": _("A choice question needs at least two choices.")})
        if self.kind == self.Kind.SINGLE and len(correct) != 1:
            raise ValidationError({"choices": _("Mark exactly one choice as correct.")})
        if self.kind == self.Kind.MULTIPLE and not correct:
            raise ValidationError({"choices": _("Mark at least one choice as correct.")})
        if self.kind == self.Kind.TRUE_FALSE and self.true_false_answer is None:
            raise ValidationError({"true_false_answer": _("Say whether the statement is true.")})
        if self.kind == self.Kind.SHORT_ANSWER and not self.accepted_answer_list:
            raise ValidationError({"accepted_answers": _("Give at least one accepted answer.")})

    def snapshot(self, language: str | None = None) -> dict:
        """Everything an attempt needs to show and score this question, frozen as data;
        worded in ``language`` where the question has a translation into it."""
        if self.kind == self.Kind.TRUE_FALSE:
            choices = [
                {"id": "true", "text": "", "correct": self.true_false_answer is True},
                {"id": "false", "text": "", "correct": self.true_false_answer is False},
            ]
        elif self.kind in self.CHOICE_KINDS:
            choices = self.choice_list()
        else:
            choices = []
        snapshot = {
            "kind": self.kind,
            "text": self.text,
            "points": str(self.points),
            "scoring": self.scoring,
            "choices": choices,
            "accepted": self.accepted_answer_list,
            "rubric": self.rubric,
            "explanation": self.explanation,
            "revision_id": self.latest_revision_id,
        }
        translation = self.translations.filter(language=language).first() if language else None
        return translation.apply_to(snapshot) if translation else snapshot

    def key_snapshot(self, language: str | None = None) -> dict:
        """Only the answer key: what a regrade takes from the corrected question (the
        accepted short answers in the attempt's language)."""
        full = self.snapshot(language)
        return {
            "scoring": full["scoring"],
            "correct": {choice["id"]: choice["correct"] for choice in full["choices"]},
            "accepted": full["accepted"],
        }
