"""The project layer's context processors: they may import the apps, which the base layer
of ``cms`` may not."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Site

from courses.models import ProgrammeIndexPage
from learners.cohorts.models import Supervision
from learners.dashboard.work import navigation_counts

from .notifications import unread_count
from .shared_cache import site_settings, tree_cached


def navigation(request):
    """What the main navigation needs, each looked up only when a page uses it: the
    catalogue's address (remembered until the page tree changes), the site's settings
    (remembered until they change), whether the user supervises anyone (for the sign-off link), and
    each role's work as counts beside its links (``navigation_counts``: nothing for
    learners, one query per number for staff)."""

    def catalogue_url() -> str:
        # The catalogue of the reader's language where its tree has one, else the
        # default language's (one query, as before translations).
        language = get_language() or settings.LANGUAGE_CODE
        rows = list(
            ProgrammeIndexPage.objects.live()
            .filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
            .select_related("locale")
            .order_by("pk")
        )
        ours = [c for c in rows if c.locale.language_code == language]
        catalogue = (ours or rows or [None])[0]
        return catalogue.get_url(request) if catalogue else "/"

    def cached_catalogue_url() -> str:
        # The same, remembered until the page tree changes (``cms.shared_cache``).
        site = Site.find_for_request(request)
        language = get_language() or settings.LANGUAGE_CODE
        return tree_cached(f"catalogue-url:{getattr(site, 'pk', None)}:{language}", catalogue_url)

    def supervises() -> bool:
        user = request.user
        if not user.is_authenticated:
            return False
        if hasattr(user, "supervises_anyone"):  # read with the user (cms.security.backends)
            return user.supervises_anyone
        return Supervision.objects.active().filter(supervisor=user).exists()

    return {
        "catalogue_url": SimpleLazyObject(cached_catalogue_url),
        "site_settings": SimpleLazyObject(lambda: site_settings(request)),
        "supervises_anyone": SimpleLazyObject(supervises),
        "unread_notifications": SimpleLazyObject(lambda: unread_count(request.user)),
        "work_counts": SimpleLazyObject(lambda: navigation_counts(request.user)),
    }
