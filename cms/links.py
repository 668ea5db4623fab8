"""Absolute addresses for what leaves the site: e-mails, credentials, PDFs."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` (e.g. from ``reverse()``) on the public address, ``BASE_URL``."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
