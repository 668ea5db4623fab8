"""Site-wide pages and settings: the home page, plain content pages, organisation settings."""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .background import PreparedInBackground
from .blocks import MarkdownBlock
from .brand import stylesheet_version, validate_brand_colour
from .notifications.models import Notification, SentMessage
from .routing import route_to_grandchild

__all__ = [
    "AuditEvent",
    "ContentPage",
    "HomePage",
    "Notification",
    "PersonalExport",
    "SentMessage",
    "SiteSettings",
]


class HomePage(Page):
    """The site's front page: a welcome and the programmes on offer (listed by the
    template through the ``courses`` template tags, so this model knows no app)."""

    heading = models.CharField(_("heading"), max_length=200, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("heading"), FieldPanel("intro")]
    subpage_types = ["courses.ProgrammeIndexPage", "cms.ContentPage"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Wagtail routes from the home page in the active language (one page tree per
        locale). An address that tree does not have is looked for in the other locales'
        trees, so a page written in one language only is found at its address whatever
        language the interface speaks. A page two levels down (a programme and what is
        below it) is found in fewer queries (``cms.routing``)."""
        try:
            shortcut = route_to_grandchild(self, request, path_components)
            if shortcut is not None:
                return shortcut
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
        for home in self.get_translations().order_by("pk"):
            try:
                return Page.route(home.specific, request, path_components)
            except Http404:
                continue
        raise Http404


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
        help_text=_(
            "Shown in the header and at the top of every certificate. A wide image on a "
            "transparent or white background, at least 400 pixels wide, prints best."
        ),
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
    signatory_name = models.CharField(
        _("certificate signatory"),
        max_length=200,
        blank=True,
        help_text=_(
            "The person who signs certificates, printed under the signature. Copied onto "
            "each certificate when it is issued; changing it does not change issued ones."
        ),
    )
    signatory_title = models.CharField(
        _("signatory's title"),
        max_length=200,
        blank=True,
        help_text=_("Printed under the signatory's name, e.g. “Head of education”."),
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional: the signatory's handwritten signature, scanned on a white or "
            "transparent background, printed above their name on certificates issued from "
            "now on. Without it the certificate has a line to sign on."
        ),
    )

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
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("signature"),
            ],
            heading=_("Certificates"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def brand_stylesheet_version(self) -> str:
        """Part of the brand stylesheet's address, so browsers may cache it for a year."""
        return stylesheet_version(self.brand_colour)


class AuditLogIsAppendOnly(Exception):
    """Raised when code tries to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet):
    """Audit events are written once by ``cms.audit.record`` and never changed: bulk
    ``update()`` and ``delete()`` are refused. The one permitted change is ``redact()``."""

    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Audit events cannot be changed.")

    def delete(self):
        raise AuditLogIsAppendOnly("Audit events cannot be deleted.")

    def redact(self) -> int:
        """Erase the personal fields of these events (the actor's username at the time and
        the object's description) without breaking the chain: the chain hashes a salted
        digest of them, and the salt goes with them. Returns the number of events
        redacted; already redacted events are left alone."""
        pending = self.filter(redacted_at__isnull=True)
        return models.QuerySet.update(
            pending, actor_username="", target_repr="", salt="", redacted_at=timezone.now()
        )


class AuditEvent(models.Model):
    """Who did what to which object, and when (UTC): one link of a hash chain.

    Written by ``cms.audit.record``; never edited or deleted through the application
    (``save()`` on a stored event, ``delete()`` and the QuerySet's ``update()`` and
    ``delete()`` raise; on PostgreSQL a trigger refuses UPDATE and DELETE as well). See
    ``cms.audit`` for what the hash covers.
    """

    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True)
    # The actor and the object's type are ids, not constraints: deleting a user or a
    # content type must not rewrite (or be blocked by) the log.
    actor = models.ForeignKey(
        "auth.User",
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_username = models.CharField(_("actor's username at the time"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("object type"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
    )
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=255, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time (UTC)"), default=timezone.now, db_index=True)
    salt = models.CharField(max_length=32, blank=True)
    personal_digest = models.CharField(max_length=64)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    redacted_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-sequence"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        # Nobody may be given the right to add, change or delete an event.
        default_permissions = ("view",)

    def __str__(self) -> str:
        when = f"{self.created_at:%Y-%m-%d %H:%M:%S}"
        return f"#{self.sequence} {when} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit events cannot be changed.")
        if not self.hash:
            raise AuditLogIsAppendOnly("Write audit events with cms.audit.record().")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit events cannot be deleted.")


class AuditChainHead(models.Model):
    """The one row that holds the last link of the audit chain. ``cms.audit.record`` locks
    it (``SELECT ... FOR UPDATE``) so concurrent transactions append one after the other
    and can never fork the chain; ``verify_audit`` checks the last event against it, so
    events removed from the end are noticed too."""

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("audit chain head")
        default_permissions = ()

    def __str__(self) -> str:
        return f"#{self.sequence} {self.hash[:12]}"


def personal_export_upload_to(instance, filename):
    return f"personal-exports/{instance.person_id}/{filename}"


class PersonalExport(PreparedInBackground):
    """A person's request for everything Praksis holds about them: a ZIP built by a
    background task (``cms.privacy.build_personal_export``) that reports its progress
    here. The file lies in private storage and is served only to that person."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_exports"
    )

    class Meta(PreparedInBackground.Meta):
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")
        default_permissions = ()

    def __str__(self) -> str:
        return f"personal data export #{self.pk}"

    file_upload_to = personal_export_upload_to


def prepared_document_upload_to(instance, filename):
    return f"documents/{instance.owner_id}/{filename}"


class PreparedDocument(PreparedInBackground):
    """A document someone asked for that takes too long to make inside a request (the
    signed hours log, the journal as PDF): rendered by a background task
    (``cms.documents``) that reports its progress here. The file lies in private storage
    and is served to its owner only."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prepared_documents"
    )
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=255)
    filename = models.CharField(max_length=150)
    params = models.JSONField(default=dict, blank=True)

    class Meta(PreparedInBackground.Meta):
        verbose_name = _("prepared document")
        verbose_name_plural = _("prepared documents")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    file_upload_to = prepared_document_upload_to
