"""The header's language form: a plain POST, no JavaScript needed."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Site

from .languages import PAGE_VIEWS, set_person_language, supported


@require_POST
def set_language(request):
    """Store the chosen language (on the person's profile when signed in, in the language
    cookie always) and go back to the page the form was on, in that language."""
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    language = supported(request.POST.get("language"))
    if language is None:
        return HttpResponseRedirect(next_url)
    if request.user.is_authenticated:
        set_person_language(request.user, language)
    response = HttpResponseRedirect(same_page_in(request, next_url, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def same_page_in(request, url: str, language: str) -> str:
    """The address of the page at ``url`` in ``language``: a page's translation where one
    is published, else the same page (its interface follows the person's language); an
    address of the app (dashboard, journal, …) has no prefix and stays as it is."""
    path = urlsplit(url).path
    source = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(source):
        try:
            match = resolve(path)
        except Resolver404:
            return url
        if match.url_name in PAGE_VIEWS:
            # Its translation, or the same page: the interface follows the person anyway.
            # Wagtail's page route passes the path positionally; "home" passes it by name.
            path = match.kwargs.get("path", match.args[0] if match.args else "")
            return _translated_page_url(request, path, language) or url
        return translate_url(url, language)


def _translated_page_url(request, path: str, language: str) -> str | None:
    """The URL of the live translation into ``language`` of the page at ``path`` (in the
    active language's tree), or None when there is none."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    try:
        page = site.root_page.localized.specific.route(
            request, [part for part in path.split("/") if part]
        ).page
        locale = Locale.objects.get(language_code=language)
    except (Http404, Locale.DoesNotExist):
        return None
    translated = page.get_translation_or_none(locale)
    if translated is None or not translated.live:
        return None
    with translation.override(language):
        return translated.get_url(request)
