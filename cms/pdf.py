"""PDF rendering for reports and exports that must read nothing from disk or network."""

import logging

logger = logging.getLogger(__name__)


def data_only_fetcher(url: str, *args, **kwargs):
    """WeasyPrint may read only inline ``data:`` URLs while rendering: ``file://``, every
    host and every other scheme are refused (and logged)."""
    from weasyprint.urls import URLFetcher

    if not url.lower().startswith("data:"):
        logger.warning("PDF rendering refused to fetch %s", url[:200])
        raise ValueError(f"Refused to fetch {url[:200]!r}: only data: URLs are allowed")
    return URLFetcher(allowed_protocols=("data",), allow_redirects=False).fetch(url)


def html_to_pdf(html: str) -> bytes:
    """Render self-contained HTML (inline styles, ``data:`` images) to PDF bytes."""
    from weasyprint import HTML

    return HTML(string=html, base_url=None, url_fetcher=data_only_fetcher).write_pdf()
