"""One page tree per locale, as Wagtail's localisation expects: the home page and the
programme catalogue have a translation in every locale that holds a programme, and a
programme lives in the catalogue of its own language's tree."""

from wagtail.models import Locale, Page, Site

from courses.models import ProgrammeIndexPage
from courses.translation import locale_for

CATALOGUE_SLUG = "programmer"


def site_home() -> Page:
    return Site.objects.get(is_default_site=True).root_page


def source_catalogue() -> ProgrammeIndexPage:
    """The catalogue of the default site's home tree (created on first use)."""
    home = site_home()
    catalogue = ProgrammeIndexPage.objects.child_of(home).first()
    if catalogue:
        return catalogue
    catalogue = ProgrammeIndexPage(title="Programmer", slug=CATALOGUE_SLUG)
    home.add_child(instance=catalogue)
    catalogue.save_revision().publish()
    return catalogue


def translated(page: Page, locale: Locale) -> Page:
    """``page``'s live translation in ``locale``: the existing one, or a published copy
    (its parents are translated first, so the copy has a place in ``locale``'s tree)."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    parent = page.get_parent()
    if parent.depth > 1 and parent.locale_id != locale.pk:
        translated(parent.specific, locale)
    copy = page.copy_for_translation(locale)
    copy.save_revision().publish()
    return type(page).objects.get(pk=copy.pk)


def catalogue_for(language: str) -> ProgrammeIndexPage:
    """The programme catalogue of ``language``'s tree (the source catalogue when the
    home tree is in that language)."""
    source = source_catalogue()
    locale = locale_for(language)
    if source.locale_id == locale.pk:
        return source
    return translated(source, locale)


def catalogues() -> list[ProgrammeIndexPage]:
    """Every locale's catalogue, the source's first."""
    return list(ProgrammeIndexPage.objects.order_by("pk"))
