"""Exams as pages under a module or a programme, and per-learner accommodations."""

import datetime

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.models import stable_key_field


class ExamPage(RoutablePageMixin, Page):
    """An exam: which questions, how many tries, how long, when, and what feedback."""

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

    class Meta:
        verbose_name = _("exam")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The exam must close after it opens.")})

    @cached_property
    def programme(self):
        from courses.models import ProgrammePage

        return ProgrammePage.objects.ancestor_of(self).first()

    @property
    def time_limit(self) -> datetime.timedelta | None:
        if not self.time_limit_minutes:
            return None
        return datetime.timedelta(minutes=self.time_limit_minutes)

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)

    # The routes stay thin: each hands over to a view function in assessments.views.
    @path("")
    def overview(self, request):
        from assessments import views

        return views.exam_overview(request, self)

    @path("start/")
    def start(self, request):
        from assessments import views

        return views.start(request, self)

    @path("attempts/<int:attempt_id>/")
    def attempt(self, request, attempt_id):
        from assessments import views

        return views.attempt(request, self, attempt_id)

    @path("attempts/<int:attempt_id>/answer/")
    def answer(self, request, attempt_id):
        from assessments import views

        return views.answer(request, self, attempt_id)

    @path("attempts/<int:attempt_id>/submit/")
    def submit(self, request, attempt_id):
        from assessments import views

        return views.submit(request, self, attempt_id)

    @path("grading/")
    def grading_queue(self, request):
        from assessments import views

        return views.grading_queue(request, self)

    @path("grading/<int:answer_id>/")
    def grade(self, request, answer_id):
        from assessments import views

        return views.grade(request, self, answer_id)

    @path("report/")
    def report(self, request):
        from assessments import views

        return views.report(request, self)

    @path("report/csv/")
    def report_csv(self, request):
        from assessments import views

        return views.report_csv(request, self)

    @path("report/regrade/")
    def regrade(self, request):
        from assessments import views

        return views.regrade(request, self)


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
