"""Serving a page in fewer queries, with the same answer Wagtail gives.

- ``route_to_grandchild``: a page two levels below the home page (a programme below the
  catalogue) is found by its address in one query, and its own ``route`` goes on from
  there; Wagtail would read the catalogue and its specific row on the way. The pages
  between are not asked anything Wagtail's ``Page.route`` would ask them (it checks only
  the last page's ``live``), so this is only taken when the page between routes as
  Wagtail does.
- ``FewerRestrictionQueries``: Wagtail's privacy check reads a page's ancestors and their
  view restrictions on every view (two queries). While the site has no view restriction at
  all — kept in the cache, forgotten whenever one is saved or deleted — the answer is known
  to be none."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction

RESTRICTIONS_KEY = "praksis:any-view-restriction"
RESTRICTIONS_TTL = 600  # seconds: a bound on staleness should a change escape the signals


def any_view_restriction() -> bool:
    """Whether any page of the site has a view restriction (privacy or password). From
    the cache only where every process shares it (``settings.SHARED_CACHE``): a process's
    own cache would not hear of a restriction saved through another, and a restricted page
    would stay open there until the entry expired."""
    if not settings.SHARED_CACHE:
        return PageViewRestriction.objects.exists()
    known = cache.get(RESTRICTIONS_KEY)
    if known is None:
        known = PageViewRestriction.objects.exists()
        cache.set(RESTRICTIONS_KEY, known, RESTRICTIONS_TTL)
    return known


def forget_view_restrictions(**kwargs) -> None:
    cache.delete(RESTRICTIONS_KEY)


post_save.connect(forget_view_restrictions, sender=PageViewRestriction, dispatch_uid="cms.pvr")
post_delete.connect(forget_view_restrictions, sender=PageViewRestriction, dispatch_uid="cms.pvr")


class FewerRestrictionQueries:
    """For page models: no view restrictions, without asking, while the site has none."""

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def route_to_grandchild(page, request, path_components):
    """Route ``path_components`` (at least two) below ``page`` by reading the child and
    the grandchild they name by their URL paths, in one query, when the child routes as
    Wagtail's ``Page.route`` does; None when the shortcut does not apply (the caller then
    routes as Wagtail does, and answers 404s as it does)."""
    if len(path_components) < 2:
        return None
    child_url = f"{page.url_path}{path_components[0]}/"
    rows = list(
        Page.objects.filter(
            url_path__in=[child_url, f"{child_url}{path_components[1]}/"],
            depth__in=[page.depth + 1, page.depth + 2],
            path__startswith=page.path,
        ).order_by("depth")
    )
    if len(rows) != 2:
        return None
    child, grandchild = rows
    child_class = ContentType.objects.get_for_id(child.content_type_id).model_class()
    if (
        child.depth != page.depth + 1
        or not grandchild.path.startswith(child.path)
        or child_class is None
        or child_class.route is not Page.route
    ):
        return None
    grandchild = grandchild.specific
    grandchild._cached_parent_obj = child
    return grandchild.route(request, path_components[2:])
