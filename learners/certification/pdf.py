"""The certificate as a PDF: the HTML page (issuer, logo, signature, seal, QR code of the
verify URL), what WeasyPrint may fetch while rendering it, and the PDF/A-3b with both
signed credentials embedded. The typefaces are in ``learners.certification.typefaces``."""

import base64
import io
import logging
import math
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Site

from cms.links import absolute_url
from cms.models import SiteSettings

from . import typefaces
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
    """What WeasyPrint may read while rendering a certificate: inline ``data:`` URLs; the
    typeface files of the installed font packages (``file://`` URLs inside their
    folders, nothing else on disk); and files in our own media storage named by a URL on
    our own origin — read from storage, never over the network, so there is no redirect
    to follow. Every other file, host and scheme is refused."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    if url.lower().startswith("data:"):
        return URLFetcher(allowed_protocols=("data",), allow_redirects=False).fetch(url)
    parts = urlsplit(url)
    if parts.scheme == "file" and parts.netloc in ("", "localhost"):
        path = Path(url2pathname(parts.path)).resolve()
        if typefaces.is_font_file(path):
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "font/woff2"})
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


# The certificate's ink where the site has no brand colour of its own.
INK = "#1f4e6b"


def seal_points(*, rays: int = 40, outer: float = 49.0, inner: float = 45.0) -> str:
    """The seal's serrated rim: a star of ``rays`` points around the centre (50, 50) of a
    100 × 100 SVG, as the ``points`` of a polygon."""
    corners = []
    for step in range(rays * 2):
        radius = outer if step % 2 == 0 else inner
        angle = math.pi * step / rays
        corners.append(f"{50 + radius * math.sin(angle):.2f},{50 - radius * math.cos(angle):.2f}")
    return " ".join(corners)


def seal_data_url(colour: str) -> str:
    svg = render_to_string(
        "learners/certificates/seal.svg", {"colour": colour, "points": seal_points()}
    )
    return _data_url(svg.encode(), "image/svg+xml")


def _image_url(image, spec: str) -> str | None:
    return absolute_url(image.get_rendition(spec).url) if image else None


def certificate_html(certificate: Certificate) -> str:
    """The certificate's two pages as HTML: the certificate itself, then what it was
    given for (the requirements met, the learning outcomes), where there is any."""
    site = site_settings()
    colour = site.brand_colour or INK
    url = certificate.verification_url()
    context = {
        "certificate": certificate,
        "logo_url": _image_url(site.logo, "max-600x200"),
        "signature_url": _image_url(site.signature, "max-600x200"),
        "verify_url": url,
        "qr": qr_data_url(url),
        "seal": seal_data_url(colour),
        "colour": colour,
        "font_faces": typefaces.font_face_css(),
        "serif": typefaces.SERIF.stack,
        "sans": typefaces.SANS.stack,
    }
    with translation.override(certificate_language(certificate, certificate.learner)):
        return render_to_string("learners/certificates/pdf.html", context)


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
