"""Translated pages: one programme in several languages is one programme.

A translation is a Wagtail page in another locale's tree with its source's
``translation_key`` (``wagtail.contrib.simple_translation`` or ``load_content`` makes it).
Everything that is recorded about a learner (enrolment, module progress, journal entries,
exam attempts, certificates) is recorded against the *source* page, found by
``canonical``; so a learner may switch language in the middle of a programme and keep
what they have done.

``TranslationSync`` remembers which published revision of its source a translation was
made from, so a lead sees which translations are out of date (``stale_translations``).
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Revision


def canonical(page: Page) -> Page:
    """The source of ``page``'s translations: of the pages sharing its translation_key,
    the one created first (a translation is always copied from an existing page). A page
    without translations is its own source, and so is a page with a content key
    (translations never carry one). Returns an object of ``page``'s class; at most one
    query."""
    if page is None or getattr(page, "content_key", None):
        return page
    first = (
        type(page)
        .objects.filter(translation_key=page.translation_key)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if first is None or first == page.pk:
        return page
    return type(page).objects.get(pk=first)


def canonical_ids(pages) -> dict[int, int]:
    """For each page in ``pages``, the pk of its source (``canonical``), in one query
    (none when every page has a content key)."""
    pages = list(pages)
    if all(getattr(page, "content_key", None) for page in pages):
        return {page.pk: page.pk for page in pages}
    keys = {page.translation_key for page in pages}
    first: dict = {}
    rows = Page.objects.filter(translation_key__in=keys).order_by("pk")
    for pk, key in rows.values_list("pk", "translation_key"):
        first.setdefault(key, pk)
    return {page.pk: first.get(page.translation_key, page.pk) for page in pages}


def in_language(pages, language: str | None = None) -> list[Page]:
    """Each of ``pages`` (sources) replaced by its live translation in ``language`` (the
    active language by default) where one exists. Two queries."""
    pages = list(pages)
    language = (language or get_language() or "").split("-")[0]
    if not pages:
        return []
    model = type(pages[0])
    translated = {
        page.translation_key: page
        for page in model.objects.live()
        .filter(translation_key__in=[p.translation_key for p in pages])
        .filter(locale__language_code=language)
    }
    return [translated.get(page.translation_key, page) for page in pages]


def translations_in(pages, language: str) -> dict:
    """``{translation_key: page}``: the live translations of ``pages`` in ``language``,
    as plain Wagtail pages (title and address, no specific fields). One query."""
    return {
        page.translation_key: page
        for page in Page.objects.live().filter(
            translation_key__in=[p.translation_key for p in pages],
            locale__language_code=language,
        )
    }


def language_versions(page: Page) -> list[Page]:
    """Every live language version of ``page`` (itself included), ordered by language
    code: what the page offers as "also in" links."""
    return list(
        type(page)
        .objects.live()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .order_by("locale__language_code")
    )


def locale_for(language: str) -> Locale:
    """The Locale of a content language (created by migration courses 0010)."""
    return Locale.objects.get(language_code=language)


class TranslationSync(models.Model):
    """Which published revision of its source a translation was last made from.
    ``load_content`` writes it when it loads a translation's file, and the admin when a
    page is translated; an editor who brings a translation up to date marks it again."""

    page = models.OneToOneField(
        Page, on_delete=models.CASCADE, related_name="translation_sync", verbose_name=_("page")
    )
    source = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("source page")
    )
    source_revision = models.ForeignKey(
        Revision,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("source revision"),
    )
    synced_at = models.DateTimeField(_("synced"), auto_now=True)

    class Meta:
        verbose_name = _("translation sync")
        verbose_name_plural = _("translation syncs")

    def __str__(self) -> str:
        return f"{self.page_id} ← {self.source_id}@{self.source_revision_id}"


def mark_synced(translation: Page, source: Page) -> TranslationSync:
    """Record that ``translation`` now renders ``source``'s live revision."""
    sync, _created = TranslationSync.objects.update_or_create(
        page=translation,
        defaults={"source": source, "source_revision_id": source.live_revision_id},
    )
    return sync


def stale_translations(programme_ids=None):
    """Translations whose source has a newer published revision than the one they were
    made from (or that were never recorded as made from one). ``programme_ids`` (ids or
    a subquery of source programmes) narrows them to those programmes' pages."""
    syncs = TranslationSync.objects.select_related("page", "source", "page__locale").filter(
        Q(source_revision__isnull=True, source__live_revision__isnull=False)
        | Q(source__live_revision_id__gt=F("source_revision_id"))
    )
    if programme_ids is not None:
        programmes = Page.objects.filter(pk__in=programme_ids)
        condition = Q(pk__in=[])
        for path in programmes.values_list("path", flat=True):
            condition |= Q(source__path__startswith=path)
        syncs = syncs.filter(condition)
    return syncs.order_by("source__path", "page__locale__language_code")
