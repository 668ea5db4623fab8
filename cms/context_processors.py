from django.utils.functional import SimpleLazyObject


def navigation(request):
    """What the main navigation needs, each looked up only when a page uses it: the
    catalogue's address, and whether the user supervises anyone (for the sign-off link)."""

    def catalogue_url() -> str:
        from courses.models import ProgrammeIndexPage

        catalogue = ProgrammeIndexPage.objects.live().first()
        return catalogue.get_url(request) if catalogue else "/"

    def supervises() -> bool:
        from learners.cohorts.models import Supervision

        user = request.user
        if not user.is_authenticated:
            return False
        return Supervision.objects.active().filter(supervisor=user).exists()

    def unread() -> int:
        from learners.journey.reminders import unread_count

        return unread_count(request.user)

    return {
        "catalogue_url": SimpleLazyObject(catalogue_url),
        "supervises_anyone": SimpleLazyObject(supervises),
        "unread_notifications": SimpleLazyObject(unread),
    }
