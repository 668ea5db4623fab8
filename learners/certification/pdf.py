"""The certificate as a PDF: the HTML page (issuer, logo, QR code of the verify URL),
what WeasyPrint may fetch while rendering it, and the PDF/A-3b with both signed
credentials embedded."""

import base64
import io
import logging
import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Site

from cms.links import absolute_url
from cms.models import SiteSettings

from .languages import certificate_language
from .models import Certificate

logger = logging.getLogger(__name__)


def site_settings() -> SiteSettings:
    """The default site's settings (issuer, signatory, logo); unsaved defaults without a
    default site."""
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else SiteSettings()


class RefusedFetch(ValueError):
    pass


def certificate_url_fetcher(url: str, *args, **kwargs):
    """What WeasyPrint may read while rendering a certificate: inline ``data:`` URLs, and
    files in our own media storage named by a URL on our own origin — read from storage,
    never over the network, so there is no redirect to follow. ``file://``, every other
    host and every other scheme are refused."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    if url.lower().startswith("data:"):
        return URLFetcher(allowed_protocols=("data",), allow_redirects=False).fetch(url)
    parts = urlsplit(url)
    own = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    media = settings.MEDIA_URL
    if (
        parts.scheme in ("http", "https")
        and (parts.scheme, parts.netloc) == (own.scheme, own.netloc)
        and parts.path.startswith(media)
        and ".." not in parts.path
    ):
        name = parts.path[len(media) :]
        if default_storage.exists(name):
            with default_storage.open(name) as handle:
                body = handle.read()
            mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": mime})
    logger.warning("Certificate PDF refused to fetch %s", url[:200])
    raise RefusedFetch(f"Refused to fetch {url[:200]!r}")


def _data_url(body: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(body).decode('ascii')}"


def qr_data_url(text: str) -> str:
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=4, border=2)
    return _data_url(buffer.getvalue(), "image/svg+xml")


def certificate_html(certificate: Certificate) -> str:
    site = site_settings()
    logo = None
    if site.logo_id:
        rendition = site.logo.get_rendition("max-400x160")
        logo = absolute_url(rendition.url)
    url = certificate.verification_url()
    with translation.override(certificate_language(certificate, certificate.learner)):
        return render_to_string(
            "learners/certificates/pdf.html",
            {"certificate": certificate, "logo_url": logo, "verify_url": url,
             "qr": qr_data_url(url)},
        )  # fmt: skip


def render_pdf(certificate: Certificate, html: str | None = None) -> bytes:
    """The certificate as a tagged PDF/A-3b: title, author (the issuer), language and
    creation date in the document information and XMP metadata, and both signed
    credentials embedded as associated files, so one file carries the human and the
    machine-readable certificate."""
    from weasyprint import HTML, Attachment

    attachments = [
        Attachment(string=body, name=f"{certificate.serial}.{extension}",
                   description=description, relationship="Source")
        for body, extension, description in (
            (certificate.credential, "jwt", "Open Badges 3.0 credential (VC-JWT)"),
            (certificate.credential_ld, "json",
             "Open Badges 3.0 credential (Data Integrity proof)"),
        )
        if body
    ]  # fmt: skip
    return HTML(
        string=html or certificate_html(certificate),
        base_url=settings.WAGTAILADMIN_BASE_URL,
        url_fetcher=certificate_url_fetcher,
    ).write_pdf(
        pdf_variant="pdf/a-3b", pdf_tags=True, attachments=attachments, custom_metadata=True
    )
