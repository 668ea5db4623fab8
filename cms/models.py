"""Site-wide pages and settings: the home page, plain content pages, organisation settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.brand import stylesheet_version, validate_brand_colour
from courses.blocks import MarkdownBlock


class HomePage(Page):
    """The site's front page: a welcome and the programmes on offer."""

    heading = models.CharField(_("heading"), max_length=200, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("heading"), FieldPanel("intro")]
    subpage_types = ["courses.ProgrammeIndexPage", "cms.ContentPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from courses.models import ProgrammePage

        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = ProgrammePage.objects.live().public().order_by("title")
        return context


class ContentPage(Page):
    """A plain page such as 'About' or 'Privacy'."""

    body = StreamField(
        [
            ("markdown", MarkdownBlock()),
            ("rich_text", blocks.RichTextBlock(label=_("Rich text"))),
        ],
        verbose_name=_("body"),
        blank=True,
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = ["cms.ContentPage"]

    class Meta:
        verbose_name = _("content page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs this platform and how it looks: the name and logo in the header, footer
    and certificates, and the brand colour every page's buttons, links and header take
    (checked for contrast, see cms.brand)."""

    organisation_name = models.CharField(_("organisation name"), max_length=200, default="Praksis")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        blank=True,
        default="#0b5d6b",
        validators=[validate_brand_colour],
        help_text=_(
            "A colour as # and six hexadecimal digits, e.g. #0b5d6b. Buttons, links and the "
            "header use it; it must contrast with white (3:1) and carry readable button text "
            "(4.5:1). Leave empty for Designsystemet's own blue."
        ),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    signatory_name = models.CharField(_("certificate signatory"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("logo"),
                FieldPanel("brand_colour"),
                FieldPanel("contact_email"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("signatory_name"), FieldPanel("signatory_title")],
            heading=_("Certificates"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def brand_stylesheet_version(self) -> str:
        """Part of the brand stylesheet's address, so browsers may cache it for a year."""
        return stylesheet_version(self.brand_colour)


class AuditEvent(models.Model):
    """Who did what to which object, and when (UTC). Written by ``cms.audit.record``;
    never edited or deleted through the application."""

    actor = models.ForeignKey(
        "auth.User",
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL
    )
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=255, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time (UTC)"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.action} {self.target_repr}"
