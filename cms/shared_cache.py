"""What every page's frame reads and almost never changes, kept in the cache (Redis in
production, so every worker sees the same) and forgotten when it changes:

- the site's settings (``SiteSettings``), forgotten when they are saved or deleted;
- values computed from the page tree (``tree_cached``: the catalogue's address in the
  menu), forgotten whenever a page is published, unpublished, moved or deleted, or a
  site is saved or deleted.

Each entry also expires after ``TTL`` seconds, a bound on staleness should a change
escape the signals (a bulk update)."""

from uuid import uuid4

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import SiteSettings

TTL = 600
TREE_VERSION_KEY = "praksis:page-tree-version"


def site_settings(request) -> SiteSettings:
    """The request's site's settings, as ``SiteSettings.for_request`` gives them."""
    site = Site.find_for_request(request)
    if site is None:
        return SiteSettings()
    key = f"praksis:site-settings:{site.pk}"
    found = cache.get(key)
    if found is None:
        found = SiteSettings.for_site(site)
        cache.set(key, found, TTL)
    return found


def forget_site_settings(sender, instance, **kwargs) -> None:
    cache.delete(f"praksis:site-settings:{instance.site_id}")


def tree_cached(key: str, compute):
    """``compute()``, remembered under ``key`` until the page tree next changes."""
    version = cache.get(TREE_VERSION_KEY)
    if version is None:
        version = uuid4().hex
        cache.set(TREE_VERSION_KEY, version, None)
    full_key = f"praksis:tree:{version}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, TTL)
    return value


def forget_tree(sender, signal=None, instance=None, **kwargs) -> None:
    if signal is post_delete and not isinstance(instance, Page | Site):
        return
    cache.delete(TREE_VERSION_KEY)


post_save.connect(forget_site_settings, sender=SiteSettings, dispatch_uid="cms.cache.settings")
post_delete.connect(forget_site_settings, sender=SiteSettings, dispatch_uid="cms.cache.settings")
page_published.connect(forget_tree, dispatch_uid="cms.cache.tree.published")
page_unpublished.connect(forget_tree, dispatch_uid="cms.cache.tree.unpublished")
post_page_move.connect(forget_tree, dispatch_uid="cms.cache.tree.moved")
post_delete.connect(forget_tree, dispatch_uid="cms.cache.tree.deleted")
post_save.connect(forget_tree, sender=Site, dispatch_uid="cms.cache.tree.site")
