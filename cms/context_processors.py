"""The project layer's context processors: they may import the apps, which the base layer
of ``cms`` may not."""

from django.utils.functional import SimpleLazyObject

from courses.models import ProgrammeIndexPage
from learners.cohorts.models import Supervision
from learners.dashboard.work import navigation_counts

from .notifications import unread_count


def navigation(request):
    """What the main navigation needs, each looked up only when a page uses it: the
    catalogue's address, whether the user supervises anyone (for the sign-off link), and
    each role's work as counts beside its links (``navigation_counts``: nothing for
    learners, one query per number for staff)."""

    def catalogue_url() -> str:
        catalogue = ProgrammeIndexPage.objects.live().first()
        return catalogue.get_url(request) if catalogue else "/"

    def supervises() -> bool:
        user = request.user
        if not user.is_authenticated:
            return False
        return Supervision.objects.active().filter(supervisor=user).exists()

    return {
        "catalogue_url": SimpleLazyObject(catalogue_url),
        "supervises_anyone": SimpleLazyObject(supervises),
        "unread_notifications": SimpleLazyObject(lambda: unread_count(request.user)),
        "work_counts": SimpleLazyObject(lambda: navigation_counts(request.user)),
    }
