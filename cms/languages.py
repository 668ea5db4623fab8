"""A person's language: one per person, used for everything Praksis shows or sends them.

It is stored in Wagtail's own ``UserProfile.preferred_language``, the field the Wagtail
admin already reads (its account page, its e-mails, every admin view): one choice, made
in the site's language form or on the admin's account page, serves the site, the admin,
e-mails, notifications and downloads alike. An empty field means "not chosen yet"; the
first request after sign-in fills it from the language the visitor was given
(their language form cookie, else the browser's ``Accept-Language``).

The language of a request (``request_language``), in this order:

1. a page address with a language prefix (``/en/…``, ``/da/…``, ``/de/…``): that
   language, so a shared link reads the same for everyone;
2. the signed-in person's stored language;
3. the language form's cookie (visitors who are not signed in);
4. the browser's ``Accept-Language``;
5. the site's ``LANGUAGE_CODE``.

A page address without a prefix is a page of the default language (``LANGUAGE_CODE``)
and is shown in it; only the front page (``/``) sends a visitor whose language is
another to their language's front page (``/en/``), so the first visit already follows
the browser (``cms.language_middleware``).
"""

from contextlib import contextmanager

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from wagtail.users.models import UserProfile


def supported(code: str | None) -> str | None:
    """The site language ``code`` stands for (``en-GB`` is ``en``), or None when it is
    none of ours."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def stored_language(person) -> str:
    """The language ``person`` chose, or "" when they have not chosen one (or are not
    signed in)."""
    if person is None or not getattr(person, "is_authenticated", False):
        return ""
    try:
        profile = person.wagtail_userprofile
    except UserProfile.DoesNotExist:
        return ""
    return supported(profile.preferred_language) or ""


def person_language(person) -> str:
    """The language everything for ``person`` is written in: the one they chose, else
    the site's ``LANGUAGE_CODE``. E-mails, notifications, PDFs and exports use this."""
    return stored_language(person) or settings.LANGUAGE_CODE


def set_person_language(person, code: str) -> str:
    """Store ``code`` as ``person``'s language; returns the stored code. Raises
    ``ValueError`` for a language the site does not offer."""
    language = supported(code)
    if language is None:
        raise ValueError(f"not a site language: {code!r}")
    try:
        profile = person.wagtail_userprofile  # the one this person object holds
    except UserProfile.DoesNotExist:
        profile = UserProfile.get_for_user(person)
        person.wagtail_userprofile = profile
    if profile.preferred_language != language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
    return language


@contextmanager
def in_language_of(person):
    """Render everything inside the block in ``person``'s language (``person_language``):
    the one way Praksis writes to a person outside their own request (e-mails,
    notifications, documents made in the background)."""
    with translation.override(person_language(person)):
        yield


def visitor_language(request) -> str:
    """The language of a request that is not for a prefixed page (rules 2–5 above)."""
    user = getattr(request, "user", None)
    # Django's own lookup reads the cookie, then Accept-Language, then LANGUAGE_CODE.
    return stored_language(user) or translation.get_language_from_request(request)


# The views Wagtail serves pages with, inside ``i18n_patterns`` (cms/urls.py).
PAGE_VIEWS = frozenset({"home", "wagtail_serve"})


def is_page_path(path: str) -> bool:
    """Whether ``path`` is the address of a page of the default language (no prefix)."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            return resolve(path).url_name in PAGE_VIEWS
        except Resolver404:
            return False


def request_language(request) -> str:
    """The language of ``request`` (rules 1–5 in this module's docstring)."""
    from_path = translation.get_language_from_path(request.path_info)
    if from_path:
        return from_path
    if is_page_path(request.path_info):
        return settings.LANGUAGE_CODE
    return visitor_language(request)


def remember_first_language(sender, request, user, **kwargs) -> None:
    """At sign-in (``user_logged_in``), a person who has not chosen a language keeps the
    one they were given as a visitor: their language form cookie, else their browser's.
    A request that names no language leaves the choice open (the site's language)."""
    if request is None or stored_language(user):
        return
    cookies, meta = getattr(request, "COOKIES", {}), getattr(request, "META", {})
    if cookies.get(settings.LANGUAGE_COOKIE_NAME) or meta.get("HTTP_ACCEPT_LANGUAGE"):
        set_person_language(user, translation.get_language_from_request(request))
