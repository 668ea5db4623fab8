"""What is taught: the programme catalogue, programmes, and their ordered modules."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.markdown import check_markdown_fields
from cms.routing import FewerRestrictionQueries

from .blocks import ModuleBodyBlock, SourcesBlock
from .module_form import ModulePageForm, prerequisite_problems
from .translation import TranslationSync, language_versions
from .widgets import CheckboxGroup


def stable_key_field(help_text) -> models.SlugField:
    """The key that ties a page or snippet to its file in content/; never changed, so
    loading the files again updates the same object."""
    return models.SlugField(
        _("stable key"), max_length=100, unique=True, null=True, blank=True, help_text=help_text
    )


def split_lines(text: str) -> list[str]:
    """Outcomes are stored one per line; blank lines are not outcomes."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ProgrammeIndexPage(Page):
    """The catalogue: every published programme, by title."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.ProgrammePage"]
    # One catalogue per locale's tree (courses.content.trees).
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("programme catalogue")

    def clean(self):
        super().clean()
        check_markdown_fields(self, "intro")

    def programmes(self) -> list["ProgrammePage"]:
        """Every programme once, in any locale's tree (``catalogue_programmes``)."""
        return catalogue_programmes()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = self.programmes()
        return context


class ProgrammePage(FewerRestrictionQueries, Page):
    """A programme: an ordered series of modules for one audience, in one language."""

    content_key = stable_key_field(_("Links this page to its folder in content/. Never change it."))
    summary = models.TextField(_("summary"), help_text=_("One or two sentences for the catalogue"))
    audience = models.TextField(_("audience"), help_text=_("Who the programme is for"))
    outcomes = models.TextField(_("learning outcomes"), help_text=_("One outcome per line"))
    estimated_hours = models.DecimalField(
        _("estimated hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown"))
    sources = StreamField(
        SourcesBlock(),
        verbose_name=_("sources"),
        blank=True,
        help_text=_("The works the programme builds on, shown on the programme page"),
    )
    translated_front = models.JSONField(
        _("translated front matter"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "A translation's certification and practice sections as its file has them "
            "(labels translated); the track and categories are the source programme's"
        ),
    )
    self_enrolment = models.BooleanField(
        _("learners may enrol themselves"),
        default=True,
        help_text=_("Otherwise a programme lead enrols people"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("sources"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("outcomes"),
                FieldPanel("estimated_hours"),
                FieldPanel("language"),
            ],
            heading=_("About the programme"),
        ),
    ]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("self_enrolment"),
        FieldPanel("content_key"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("intro"),
        index.SearchField("audience"),
    ]
    parent_page_types = ["courses.ProgrammeIndexPage"]
    subpage_types = ["courses.ModulePage", "assessments.ExamPage"]
    # A translation shares its source's translation_key; the content key stays the source's.
    exclude_fields_in_copy = ["content_key"]

    class Meta:
        verbose_name = _("programme")

    def clean(self):
        super().clean()
        check_markdown_fields(self, "intro")

    @property
    def outcome_list(self) -> list[str]:
        return split_lines(self.outcomes)

    @property
    def hours_for_plural(self) -> int:
        """Whole number that picks "hour" or "hours" in translations (1.5 reads as plural)."""
        return 1 if self.estimated_hours == 1 else 2

    def modules(self):
        """The programme's published modules in teaching order."""
        return ModulePage.objects.child_of(self).live().order_by("order", "pk")

    def route(self, request, path_components):
        """A module is read as what it is, in one query rather than Wagtail's two (the
        page, then its specific row), and learns its programme from here, where the
        gate and the page would otherwise read it again. Other children (exams) are
        routed as Wagtail does."""
        if path_components:
            module = ModulePage.objects.child_of(self).filter(slug=path_components[0]).first()
            if module is not None:
                module._cached_parent_obj = self
                module.__dict__["programme"] = self
                return module.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        modules = list(self.modules())
        context["modules"] = modules
        context["total_minutes"] = sum(module.estimated_minutes for module in modules)
        context["exams"] = self.get_children().live().not_type(ModulePage).specific()
        context["other_languages"] = [
            page for page in language_versions(self) if page.pk != self.pk
        ]
        return context


def catalogue_programmes(language: str | None = None) -> list[ProgrammePage]:
    """Each published, public programme once, by title: its translation in ``language``
    (the active language by default) where one is published, else the source (the
    first-created page of its translations, ``courses.translation.canonical``). Two
    queries."""
    language = (language or get_language() or "").split("-")[0]
    chosen: dict = {}
    pages = ProgrammePage.objects.live().public().select_related("locale").order_by("pk")
    for page in pages:
        if page.translation_key not in chosen or page.locale.language_code == language:
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: page.title.casefold())


class ModuleRole(models.TextChoices):
    """Roles a person can hold in a cohort (``learners.cohorts``), for which a module can
    be meant: the module is required of the role's holders and optional for everyone
    else (it never blocks them)."""

    RESOURCE_PERSON = "resource-person", _("Resource person")
    LEADER = "leader", _("Leader")


class ModulePage(FewerRestrictionQueries, Page):
    """One step of a programme. Learners must be logged in to read it."""

    class CompletionRule(models.TextChoices):
        VIEWED = "viewed", _("Viewed")
        MARKED_DONE = "marked_done", _("Marked done by the learner")
        EXAM_PASSED = "exam_passed", _("Exam passed")
        DONE_AND_PASSED = "done_and_passed", _("Marked done and exam passed")
        ATTENDED = "attended", _("Attended a facilitated session")

    content_key = stable_key_field(_("Links this page to its file in content/. Never change it."))
    order = models.PositiveSmallIntegerField(_("order"), help_text=_("1 is the first step"))
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), validators=[MinValueValidator(1)]
    )
    outcomes = models.TextField(_("learning outcomes"), help_text=_("One outcome per line"))
    prerequisites = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("prerequisites"),
        help_text=_("Earlier modules of this programme that must be completed first"),
    )
    body = StreamField(ModuleBodyBlock(), verbose_name=_("body"), blank=True)
    completion_rule = models.CharField(
        _("completion rule"),
        max_length=20,
        choices=CompletionRule.choices,
        default=CompletionRule.MARKED_DONE,
        help_text=_("What makes this module complete for a learner"),
    )
    topics = models.CharField(
        _("topics"),
        max_length=255,
        blank=True,
        help_text=_(
            "Comma-separated topic keys (e.g. ethics); the module's estimated time counts "
            "as education hours in each topic"
        ),
    )

    for_role = models.CharField(
        _("for role"),
        max_length=20,
        choices=ModuleRole.choices,
        blank=True,
        help_text=_(
            "Required only of learners who hold this role in their cohort; optional for "
            "everyone else, so it never blocks their next modules or completion"
        ),
    )

    signoff = models.CharField(
        _("sign-off"),
        max_length=20,
        choices=[(ModuleRole.LEADER.value, _("A leader of the learner's cohort"))],
        blank=True,
        help_text=_("Who must sign the module off before it counts as completed"),
    )

    base_form_class = ModulePageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("order"),
                FieldPanel("estimated_minutes"),
                FieldPanel("outcomes"),
                FieldPanel("prerequisites", widget=CheckboxGroup(_("Prerequisites"))),
                FieldPanel("completion_rule"),
                FieldPanel("topics"),
                FieldPanel("for_role"),
                FieldPanel("signoff"),
            ],
            heading=_("About the module"),
        ),
        FieldPanel("body"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("content_key")]
    search_fields = [*Page.search_fields, index.SearchField("body"), index.FilterField("order")]
    parent_page_types = ["courses.ProgrammePage"]
    subpage_types = ["assessments.ExamPage"]
    exclude_fields_in_copy = ["content_key"]

    class Meta:
        verbose_name = _("module")

    @property
    def outcome_list(self) -> list[str]:
        return split_lines(self.outcomes)

    def required_of(self, roles: set[str]) -> bool:
        """Whether a learner holding ``roles`` (in the cohort they take the programme
        with) must complete this module: every module without a role, and a role's
        module for its holders. For everyone else it is optional: it shows as optional,
        never blocks a later module and is not counted for completion."""
        return not self.for_role or self.for_role in roles

    @property
    def topic_list(self) -> list[str]:
        return [topic.strip() for topic in (self.topics or "").split(",") if topic.strip()]

    def ordered_prerequisites(self) -> list["ModulePage"]:
        """The modules to complete first, in teaching order (read once per instance: the
        gate and the page both ask)."""
        if not hasattr(self, "_ordered_prerequisites"):
            self._ordered_prerequisites = list(self.prerequisites.order_by("order"))
        return self._ordered_prerequisites

    @cached_property
    def programme(self) -> "ProgrammePage":
        """The programme the module belongs to (its parent page), read once per
        instance: the gate, the page and its template all ask."""
        return ProgrammePage.objects.get(path=self.path[: -self.steplen])

    def content_notes(self) -> list:
        """Content notes are shown before anything else, so a reader can prepare."""
        return [
            block
            for block in self.body
            if block.block_type == "callout" and block.value["kind"] == "content_note"
        ]

    def material(self) -> list:
        """The body without its content notes, in the author's order."""
        return [
            block
            for block in self.body
            if not (block.block_type == "callout" and block.value["kind"] == "content_note")
        ]

    def serve(self, request, *args, **kwargs):
        """Modules need a login. What stands between a learner and the material
        (enrolment, prerequisites, the content note) is decided before this, by the
        journey's ``before_serve_page`` hook."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        programme = self.programme
        siblings = list(programme.modules())
        position = next((i for i, m in enumerate(siblings) if m.pk == self.pk), None)
        context["programme"] = programme
        context["modules"] = siblings
        if position is not None:
            context["previous_module"] = siblings[position - 1] if position > 0 else None
            context["next_module"] = (
                siblings[position + 1] if position + 1 < len(siblings) else None
            )
        context["prerequisite_modules"] = self.ordered_prerequisites()
        context["exams"] = self.get_children().live().specific()
        return context


from .leads import ProgrammeLead  # noqa: E402
from .tracks import CertificationTrack, TrackRequirement  # noqa: E402

__all__ = [
    "CertificationTrack",
    "ModulePage",
    "ModuleRole",
    "ProgrammeIndexPage",
    "ProgrammeLead",
    "ProgrammePage",
    "TrackRequirement",
    "TranslationSync",
    "prerequisite_problems",
    "stable_key_field",
]
