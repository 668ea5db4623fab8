"""Site-level views: the health check, search and the brand stylesheet."""

import logging

from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Page

from cms.brand import brand_stylesheet
from cms.models import SiteSettings

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a query, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@require_safe
def search(request):
    """Full-text search over published, public pages. Double quotes are dropped: SQLite's
    full-text search reads an unbalanced one as an unterminated string (a 500), and the
    search offers no phrase syntax anyway."""
    query = request.GET.get("q", "").replace('"', " ").strip()[:200]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(request, "cms/search.html", {"query": query, "results": page})


@require_safe
def brand_css(request):
    """The site's brand colour as Designsystemet tokens (a stylesheet, since the content
    security policy allows no inline styles). Pages link it with the settings' version in
    the address (`?v=`), so a matching request may be cached for a year; others briefly."""
    site_settings = SiteSettings.for_request(request)
    version = site_settings.brand_stylesheet_version
    etag = quote_etag(version)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(
            brand_stylesheet(site_settings.brand_colour), content_type="text/css; charset=utf-8"
        )
    response["ETag"] = etag
    if request.GET.get("v") == version:
        patch_cache_control(response, public=True, max_age=60 * 60 * 24 * 365, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=300)
    return response
