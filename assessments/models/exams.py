"""Exams as pages under a module or a programme, and per-learner accommodations."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from cms.markdown import check_markdown_fields
from courses.models import ModulePage, ProgrammePage, stable_key_field
from courses.translation import canonical


def uncovered_modules(
    covered: list[str], rules: list[tuple[str, int]], fixed_tags: list[set[str]]
) -> list[str]:
    """The covered module keys an attempt is not sure to ask about, in the given order.

    An exam that says it covers a module must put a question from that module in every
    attempt: a random rule drawing one or more questions tagged with the module's key
    (its pool), or a fixed question carrying that tag.
    """
    drawn = {tag for tag, count in rules if count and count > 0}
    fixed = set().union(*fixed_tags) if fixed_tags else set()
    return [key for key in covered if key not in drawn and key not in fixed]


class ExamPageForm(WagtailAdminPageForm):
    """Offers only the modules of the exam's own programme for ``covers`` and refuses a
    coverage claim the exam's rules and fixed questions do not keep."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        if "covers" in self.fields and parent is not None:
            programme = ProgrammePage.objects.ancestor_of(parent, inclusive=True).first()
            modules = ModulePage.objects.none()
            if programme is not None:
                modules = ModulePage.objects.child_of(programme)
            self.fields["covers"].queryset = modules.order_by("order")

    def clean(self):
        cleaned = super().clean()
        covered = [module.content_key or module.slug for module in cleaned.get("covers") or []]
        rules = [
            (form.cleaned_data.get("tag", ""), form.cleaned_data.get("count") or 0)
            for form in self.formsets["random_rules"].forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        fixed = [
            set(form.cleaned_data["question"].tags.names())
            for form in self.formsets["exam_questions"].forms
            if form.is_valid()
            and form.cleaned_data.get("question")
            and not form.cleaned_data.get("DELETE")
        ]
        missing = uncovered_modules(covered, rules, fixed)
        if missing:
            self.add_error(
                "covers",
                _(
                    "The exam says it covers %(modules)s, but no random rule draws that "
                    "module's tag and no fixed question carries it."
                )
                % {"modules": ", ".join(missing)},
            )
        return cleaned


class ExamPage(Page):
    """An exam: which questions, how many tries, how long, when, and what feedback.

    Its own pages (``start/``, ``attempts/<id>/``, ``grading/``, ``report/`` …) sit below
    its address; they are ordinary views in ``assessments.urls``, served through the
    ``on_serve_page`` hook in ``assessments.wagtail_hooks``.
    """

    class Feedback(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately after submitting")
        AFTER_CLOSE = "after_close", _("After the exam window closes")
        NEVER = "never", _("Never (score and result only)")

    class Layout(models.TextChoices):
        ONE_PER_PAGE = "one_per_page", _("One question per page")
        ALL_ON_ONE_PAGE = "all_on_one_page", _("All questions on one page")

    content_key = stable_key_field(
        _("Links this page to its exam file in content/. Never change it.")
    )
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown"))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty for no time limit")
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), null=True, blank=True, default=1, help_text=_("Empty for no limit")
    )
    cooldown_minutes = models.PositiveIntegerField(
        _("cooldown between attempts (minutes)"), default=0
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=False)
    feedback_policy = models.CharField(
        _("feedback"), max_length=20, choices=Feedback.choices, default=Feedback.IMMEDIATELY
    )
    layout = models.CharField(
        _("layout"), max_length=20, choices=Layout.choices, default=Layout.ALL_ON_ONE_PAGE
    )
    covers = ParentalManyToManyField(
        "courses.ModulePage",
        blank=True,
        related_name="covering_exams",
        verbose_name=_("covers"),
        help_text=_(
            "Modules this exam claims to test: every attempt must get a question from each, "
            "through a random rule with the module's key as its tag or a fixed question "
            "with that tag"
        ),
    )

    base_form_class = ExamPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("time_limit_minutes"),
                FieldRowPanel([FieldPanel("attempts_allowed"), FieldPanel("cooldown_minutes")]),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            ],
            heading=_("Rules"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
                FieldPanel("feedback_policy"),
                FieldPanel("layout"),
            ],
            heading=_("Presentation"),
        ),
        FieldPanel("covers", widget=forms.CheckboxSelectMultiple),
        InlinePanel("exam_questions", heading=_("Fixed questions"), label=_("Question")),
        InlinePanel("random_rules", heading=_("Random questions per tag"), label=_("Rule")),
        InlinePanel(
            "pool_questions",
            heading=_("Question pool"),
            label=_("Question"),
            help_text=_(
                "Questions this exam brings into the bank for its random rules; the rules "
                "draw from the whole bank by tag."
            ),
        ),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("content_key")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["courses.ModulePage", "courses.ProgrammePage"]
    subpage_types = []
    template = "assessments/exam_page.html"
    exclude_fields_in_copy = ["content_key"]

    class Meta:
        verbose_name = _("exam")

    def clean(self):
        super().clean()
        check_markdown_fields(self, "intro")
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The exam must close after it opens.")})

    @cached_property
    def programme(self):
        """The exam's programme; for a translated exam, the source programme (attempts,
        enrolment and reports are the source's)."""
        return canonical(ProgrammePage.objects.ancestor_of(self).first())

    @property
    def time_limit(self) -> datetime.timedelta | None:
        if not self.time_limit_minutes:
            return None
        return datetime.timedelta(minutes=self.time_limit_minutes)

    def route(self, request, path_components):
        """Everything below a published exam's address is the exam's own: route it here
        with the rest of the path, which ``assessments.urls`` resolves to a view."""
        if path_components and self.live:
            return RouteResult(self, kwargs={"subpath": "/".join(path_components) + "/"})
        return super().route(request, path_components)


class ExamQuestion(Orderable):
    """A question every attempt of the exam gets, in this order (unless shuffled)."""

    page = ParentalKey(ExamPage, on_delete=models.CASCADE, related_name="exam_questions")
    question = models.ForeignKey(
        "assessments.Question",
        on_delete=models.PROTECT,
        related_name="exam_links",
        verbose_name=_("question"),
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = _("fixed question")
        constraints = [
            models.UniqueConstraint(fields=["page", "question"], name="question_once_per_exam")
        ]


class ExamPoolQuestion(Orderable):
    """A question the exam's file brings into the bank without fixing it on the exam: the
    random rules may draw it by its tags. Kept so export writes it back to the same file,
    in the same order."""

    page = ParentalKey(ExamPage, on_delete=models.CASCADE, related_name="pool_questions")
    question = models.ForeignKey(
        "assessments.Question",
        on_delete=models.PROTECT,
        related_name="pool_links",
        verbose_name=_("question"),
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = _("pool question")
        constraints = [
            models.UniqueConstraint(fields=["page", "question"], name="question_once_per_pool")
        ]


class ExamRandomRule(Orderable):
    """Draw ``count`` questions tagged ``tag`` from the bank for each attempt."""

    page = ParentalKey(ExamPage, on_delete=models.CASCADE, related_name="random_rules")
    tag = models.CharField(_("tag"), max_length=100)
    count = models.PositiveSmallIntegerField(_("number of questions"), default=1)

    panels = [FieldRowPanel([FieldPanel("tag"), FieldPanel("count")])]

    class Meta(Orderable.Meta):
        verbose_name = _("random questions")


class ExtraTime(models.Model):
    """A learner's accommodation: more time on every timed exam (WCAG 2.2.1)."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="exam_extra_time",
        verbose_name=_("learner"),
    )
    percent = models.PositiveSmallIntegerField(
        _("extra time (%)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(400)],
        help_text=_("50 turns a 30-minute limit into 45 minutes"),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [FieldPanel("learner"), FieldPanel("percent"), FieldPanel("note")]

    class Meta:
        verbose_name = _("extra exam time")
        verbose_name_plural = _("extra exam time")

    def __str__(self) -> str:
        return f"{self.learner} +{self.percent}%"
