"""Activate the request's language (``cms.languages.request_language``) for the whole
request, in place of Django's ``LocaleMiddleware``. It reads the signed-in person's
language, so it comes after ``AuthenticationMiddleware``."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .languages import request_language, visitor_language


class PersonLocaleMiddleware:
    """Activates ``request_language(request)``. A visitor whose language is not the
    site's, opening the front page (``/``), is sent to their language's front page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/" and request.method in ("GET", "HEAD"):
            language = visitor_language(request)
            if language != settings.LANGUAGE_CODE:
                response = HttpResponseRedirect(f"/{language}/")
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        language = request_language(request)
        # For this request only: the thread's language is put back afterwards, so code
        # that runs after it in the same thread (a test, a task) is not left in it.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        if not translation.get_language_from_path(request.path_info):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        return response
