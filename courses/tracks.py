"""Certification tracks: what a programme requires before a certificate is issued.

A track belongs to one programme; a programme may offer several, its *levels* (e.g.
counsellor level I and II), each with its own requirements, certificate and renewal, told
apart by their ``key`` (empty for a programme's only, unnamed track). Its requirements are
rows of one shape (kind, key, amount, label) so that the admin, the content files and the
eligibility engine (``learners.certification.eligibility``) all speak the same small
language.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class CertificationTrack(ClusterableModel):
    """A certification a programme leads to (one of its levels): its requirements, how
    certificates are issued, how long they stay valid and what renewing them takes. A
    higher level may require a lower one held (a requirement of kind ``level``)."""

    class Issuing(models.TextChoices):
        AUTOMATIC = "automatic", _("Automatically when eligible")
        APPROVAL = "approval", _("After an administrator approves")

    programme = models.ForeignKey(
        "courses.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="certification_tracks",
        verbose_name=_("programme"),
    )
    key = models.SlugField(
        _("level key"),
        max_length=64,
        blank=True,
        help_text=_("Empty for a programme's only track; else a stable key per level"),
    )
    name = models.CharField(
        _("level"),
        max_length=200,
        blank=True,
        help_text=_("The level's name, printed after the programme's title"),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    issuing = models.CharField(
        _("issuing"), max_length=16, choices=Issuing.choices, default=Issuing.APPROVAL
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: the certificate does not expire"),
    )
    renewal_hours = models.DecimalField(
        _("continuing education to renew (hours)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_(
            "Hours of continuing education (modules completed, approved external courses) "
            "during the validity period that renewing requires"
        ),
    )

    verified_education = models.BooleanField(
        _("only verified modules count as education"),
        default=False,
        help_text=_(
            "Count a module's time as education only when it was completed by passing an "
            "exam (sessions attended and approved external courses always count)"
        ),
    )

    panels = [
        FieldPanel("programme"),
        MultiFieldPanel(
            [FieldPanel("key"), FieldPanel("name"), FieldPanel("sort_order")],
            heading=_("Level"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("issuing"),
                FieldPanel("validity_months"),
                FieldPanel("renewal_hours"),
                FieldPanel("verified_education"),
            ],
            heading=_("Issuing and validity"),
        ),
        InlinePanel("requirements", heading=_("Requirements"), label=_("Requirement")),
    ]

    class Meta:
        verbose_name = _("certification track")
        verbose_name_plural = _("certification tracks")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="one_track_per_level_key")
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.name}" if self.name else str(self.programme)

    @property
    def title(self) -> str:
        """What a certificate of this level is called: the programme's title, and the
        level's name where the programme has levels."""
        return f"{self.programme.title} · {self.name}" if self.name else self.programme.title


class TrackRequirement(Orderable):
    """One requirement of a track. ``key`` names a module, exam, practice category, topic
    or attestation (by its stable key), or for *practicum* the lowest role counted;
    ``amount`` is hours where hours are counted, meetings for *practicum*."""

    class Kind(models.TextChoices):
        MODULES = "modules", _("Every module of the programme completed")
        MODULE = "module", _("A module completed")
        EXAM = "exam", _("An exam passed")
        HOURS = "hours", _("Approved practice hours in total")
        HOURS_CATEGORY = "hours_category", _("Approved practice hours in a category")
        PRACTICE_HOURS = (
            "practice_hours",
            _("Approved direct practice hours (supervision excluded)"),
        )
        SUPERVISION_HOURS = "supervision_hours", _("Approved hours of supervision received")
        SUPERVISION_RATIO = "supervision_ratio", _("The programme's supervision ratio met")
        EDUCATION = "education", _("Education hours in a topic")
        ATTESTATION = "attestation", _("An attestation confirmed by an administrator")
        DECLARATION = "declaration", _("A declaration the learner signs on the platform")
        FACE_TO_FACE_SHARE = (
            "face_to_face_share",
            _("A share (percent) of all education hours taken face to face"),
        )
        LEVEL = "level", _("A current certificate of another level of the programme held")
        PRACTICUM = (
            "practicum",
            _("Practicum meetings a mentor confirmed, in a role (key) or higher"),
        )
        RENEWAL_EDUCATION = (
            "renewal_education",
            _("Renewal: continuing education hours in a topic during the validity period"),
        )

    class Confirmation(models.TextChoices):
        NONE = "none", _("No one: the learner's signature is enough")
        SUPERVISOR = "supervisor", _("The learner's supervisor in the programme")
        ADMINISTRATOR = "administrator", _("An administrator")

    KEYED = {
        Kind.MODULE,
        Kind.EXAM,
        Kind.HOURS_CATEGORY,
        Kind.EDUCATION,
        Kind.ATTESTATION,
        Kind.DECLARATION,
        Kind.LEVEL,
        Kind.RENEWAL_EDUCATION,
        Kind.PRACTICUM,
    }
    COUNTED = {
        Kind.HOURS,
        Kind.HOURS_CATEGORY,
        Kind.PRACTICE_HOURS,
        Kind.SUPERVISION_HOURS,
        Kind.EDUCATION,
        Kind.RENEWAL_EDUCATION,
    }
    PRACTICE = {
        Kind.HOURS,
        Kind.HOURS_CATEGORY,
        Kind.PRACTICE_HOURS,
        Kind.SUPERVISION_HOURS,
        Kind.SUPERVISION_RATIO,
    }

    track = ParentalKey(CertificationTrack, on_delete=models.CASCADE, related_name="requirements")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    key = models.SlugField(
        _("key"),
        max_length=100,
        blank=True,
        help_text=_("Module, exam, practice category, topic, attestation or level key"),
    )
    amount = models.DecimalField(_("hours"), max_digits=7, decimal_places=2, null=True, blank=True)
    label = models.CharField(
        _("label"),
        max_length=255,
        blank=True,
        help_text=_("For attestations and declarations: what is attested or declared"),
    )
    confirmation = models.CharField(
        _("confirmed by"),
        max_length=16,
        choices=Confirmation.choices,
        default=Confirmation.NONE,
        help_text=_("For declarations: who must confirm the signed declaration"),
    )
    within_years = models.PositiveSmallIntegerField(
        _("within years"),
        null=True,
        blank=True,
        help_text=_("For education: count only hours from the last so many years"),
    )
    health = models.BooleanField(
        _("health data"),
        default=False,
        help_text=_(
            "For declarations: what is declared is health data (e.g. recovery). Only the "
            "learner, the confirming supervisor and administrators see it; reports show "
            "only met or not met"
        ),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("key"),
        FieldPanel("amount"),
        FieldPanel("label"),
        FieldPanel("within_years"),
        FieldPanel("confirmation"),
        FieldPanel("health"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self) -> str:
        return f"{self.kind} {self.key} {self.amount or ''}".strip()
