from django.utils.functional import SimpleLazyObject


def navigation(request):
    """The catalogue's address for the main navigation (looked up only when a page uses it)."""

    def catalogue_url() -> str:
        from courses.models import ProgrammeIndexPage

        catalogue = ProgrammeIndexPage.objects.live().first()
        return catalogue.get_url(request) if catalogue else "/"

    return {"catalogue_url": SimpleLazyObject(catalogue_url)}
