"""Middleware for sign-in and headers: idle sessions end, staff pass the second factor
before anything else, the admin gets its own Content-Security-Policy, and every response
carries a Permissions-Policy."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django_htmx.http import HttpResponseClientRedirect

from . import second_factor

LAST_SEEN = "praksis_last_seen"
SIGNED_IN = "praksis_signed_in_at"
# The session is written at most this often just to say "still here".
TOUCH_EVERY = 60

# What a signed-in staff person may reach before the second factor.
BEFORE_SECOND_FACTOR = {
    "two_factor_verify",
    "two_factor_setup",
    "logout",
    "wagtailadmin_logout",
    "healthz",
    "set_language",
}


def stamp_sign_in(sender, request, user, **kwargs) -> None:
    """At sign-in, start both clocks (``user_logged_in`` receiver)."""
    now = int(time.time())
    request.session[SIGNED_IN] = now
    request.session[LAST_SEEN] = now


class IdleSessionMiddleware:
    """A session ends after ``SESSION_IDLE_TIMEOUT`` seconds without a request, and
    ``SESSION_COOKIE_AGE`` seconds after sign-in however busy. The time of the last
    request is written to the session at most once a minute."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request, now=int(time.time()))
        return self.get_response(request)

    def _check(self, request, *, now: int) -> None:
        session = request.session
        last_seen = session.get(LAST_SEEN)
        signed_in = session.get(SIGNED_IN)
        idle = last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT
        too_old = signed_in is not None and now - signed_in > settings.SESSION_COOKIE_AGE
        if idle or too_old:
            logout(request)
            minutes = max(1, settings.SESSION_IDLE_TIMEOUT // 60)
            text = (
                ngettext(
                    "You were signed out after %(minutes)d minute without activity.",
                    "You were signed out after %(minutes)d minutes without activity.",
                    minutes,
                )
                % {"minutes": minutes}
                if idle
                else ngettext(
                    "You were signed out: a session lasts at most %(hours)d hour.",
                    "You were signed out: a session lasts at most %(hours)d hours.",
                    max(1, settings.SESSION_COOKIE_AGE // 3600),
                )
                % {"hours": max(1, settings.SESSION_COOKIE_AGE // 3600)}
            )
            messages.info(request, text)
            return
        if signed_in is None:
            session[SIGNED_IN] = now
        if last_seen is None or now - last_seen >= TOUCH_EVERY:
            session[LAST_SEEN] = now


class SecondFactorMiddleware:
    """A signed-in supervisor, programme lead or administrator whose session has not
    passed the second factor reaches nothing but the code page (or, without an
    authenticator yet, the enrolment page), sign-out, language choice, static files and
    the health check — on the site and in the Wagtail admin alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or second_factor.is_verified(user):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in BEFORE_SECOND_FACTOR:
            return None
        if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return None
        if not second_factor.needs_second_factor(user):
            return None
        step = "two_factor_verify" if second_factor.authenticator(user) else "two_factor_setup"
        url = f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return redirect(url)


class SecurityHeadersMiddleware:
    """``Permissions-Policy`` on every response (``PERMISSIONS_POLICY``: features our
    pages never use are switched off), the Wagtail admin's own CSP (``ADMIN_CSP``) and
    that of page previews (``PREVIEW_CSP``).
    Sits right after Django's CSP middleware so the choice is made before it writes."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    @cached_property
    def permissions_policy(self) -> str:
        return ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if not hasattr(response, "_csp_config"):
            if getattr(request, "is_dummy", False):
                # Wagtail renders a preview by running one of our pages through the whole
                # stack; the editor shows it in a frame of its own.
                response._csp_config = settings.PREVIEW_CSP
            elif request.path.startswith(self.admin_prefix):
                response._csp_config = settings.ADMIN_CSP
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response


class RefuseNulMiddleware:
    """A NUL character (U+0000) in the address, the query string or a posted form value
    is answered with 400 before any view or database sees it: PostgreSQL refuses NUL in
    text (a 500), SQLite ends the string there, and no person types one. Placed before
    Wagtail's redirect middleware, which looks a missing page's path up in the database.
    Uploaded files are not read (their bytes are the upload check's business)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            return HttpResponseBadRequest(
                gettext("The request contained a character that is not allowed (NUL)."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path_info or "\x00" in request.META.get("QUERY_STRING", ""):
            return True
        if any("\x00" in key or "\x00" in value for key, value in _items(request.GET)):
            return True
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            return any("\x00" in key or "\x00" in value for key, value in _items(request.POST))
        return False


def _items(querydict):
    for key, values in querydict.lists():
        for value in values:
            yield key, value
