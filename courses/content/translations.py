"""Translations in content/: ``<slug>/<ll>/`` holds the programme in language ``ll``, with
the source folder's file names, keys and structure (TRANSLATION_FORMAT.md,
content/README.md). Each file becomes the Wagtail translation (same translation_key) of
its source page in Locale ``ll``; the content keys stay on the source pages.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from courses.models import ModulePage, ProgrammePage
from courses.translation import canonical, locale_for, mark_synced

from .format import (
    PROGRAMME_FILE,
    ContentError,
    ModuleSource,
    ProgrammeSource,
    key_line,
    read_programme,
    render_module,
    render_programme,
)
from .format.structure import line_of, same_structure
from .handlers import LoadReport
from .pages import (
    _fill_module,
    _fill_programme,
    _publish,
    module_source_from_page,
    programme_source_from_page,
)
from .trees import catalogue_for

HEADING = re.compile(r"^(#{1,6})\s")
# Sections of programme.md that belong to the source programme (its track, its practice
# categories); a translation keeps their translated labels for its own file.
SOURCE_SECTIONS = ("practice", "certification")


def content_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@dataclass
class TranslatedProgramme(ProgrammeSource):
    """A programme folder's translation: ``folder`` is ``<slug>/<ll>``."""

    language: str = ""

    @property
    def slug(self) -> str:
        return self.folder.parent.name


def translation_folders(folder: Path) -> list[Path]:
    """The translations a programme folder holds, in language order."""
    return [folder / code for code in content_languages() if (folder / code).is_dir()]


def _content_files(folder: Path) -> set[str]:
    return {
        path.name
        for path in folder.iterdir()
        if path.is_file() and (path.suffix == ".md" or path.name.startswith("exam-"))
    }


def read_translation(folder: Path, source: ProgrammeSource) -> TranslatedProgramme:
    """Read ``folder`` (``<slug>/<ll>``) and check it against its ``source``: the same file
    names, the same keys and structure in every file, only text translated. Raises
    ``ContentError`` with the file and line of the first difference."""
    language = folder.name
    programme_path = folder / PROGRAMME_FILE
    if language == source.front["language"]:
        raise ContentError(
            programme_path, 1, f"'{language}' is the source's own language, not a translation"
        )
    wanted, present = _content_files(source.folder), _content_files(folder)
    for name in sorted(wanted - present):
        raise ContentError(folder / name, 1, f"the translation lacks {name}, which the source has")
    for name in sorted(present - wanted):
        raise ContentError(folder / name, 1, f"the source has no {name}; file names stay as its")
    translated = read_programme(folder)
    text = programme_path.read_text(encoding="utf-8")
    if translated.front["language"] != language:
        raise ContentError(
            programme_path, key_line(text, "language"),
            f"language is '{translated.front['language']}' in the '{language}' folder",
        )  # fmt: skip
    same_structure(
        _without_language(source.front), _without_language(translated.front),
        path=programme_path, text=text,
    )  # fmt: skip
    _same_headings(source.intro, translated.intro, programme_path, text)
    for original, module in zip(source.modules, translated.modules, strict=True):
        module_text = module.path.read_text(encoding="utf-8")
        same_structure(original.front, module.front, path=module.path, text=module_text)
        _same_blocks(original, module, module_text)
    return TranslatedProgramme(
        folder=folder,
        front=translated.front,
        intro=translated.intro,
        modules=translated.modules,
        language=language,
    )


def _without_language(front: dict) -> dict:
    return {name: value for name, value in front.items() if name != "language"}


def _headings(markdown: str) -> list[str]:
    return [m.group(1) for line in markdown.split("\n") if (m := HEADING.match(line))]


def _same_headings(source: str, translation: str, path: Path, text: str) -> None:
    wanted, found = _headings(source), _headings(translation)
    if wanted != found:
        raise ContentError(
            path, line_of(text, "#", 1),
            f"the headings are {found}, the source's {wanted} (same headings in the same order)",
        )  # fmt: skip


def _same_blocks(source: ModuleSource, translation: ModuleSource, text: str) -> None:
    """The same blocks in the same order, each of the same kind and structure; each
    translated block takes its source block's id, so a journal entry written in one
    language is found in the other."""
    kinds = [block["type"] for block in source.blocks]
    found = [block["type"] for block in translation.blocks]
    openings = [n for n, line in enumerate(text.split("\n"), 1) if line.startswith("::: ")]
    if kinds != found:
        # The line of the first directive block at or after the first difference.
        first = next(
            (i for i, pair in enumerate(zip(kinds, found, strict=False)) if pair[0] != pair[1]),
            min(len(kinds), len(found)),
        )
        before = sum(1 for kind in found[:first] if kind != "markdown")
        line = openings[before] if before < len(openings) else line_of(text, ":::", 1)
        raise ContentError(
            translation.path, line,
            f"the body has the blocks {found}, the source {kinds} (same blocks, same order)",
        )  # fmt: skip
    directive = 0
    for original, block in zip(source.blocks, translation.blocks, strict=True):
        if block["type"] == "markdown":
            _same_headings(original["value"], block["value"], translation.path, text)
        else:
            line = openings[directive] if directive < len(openings) else 1
            directive += 1
            try:
                same_structure(
                    original["value"], block["value"], path=translation.path, text=text,
                    where=f"the {block['type']} block",
                )  # fmt: skip
            except ContentError as error:
                raise ContentError(translation.path, line, error.message) from None
        block["id"] = original.get("id", block.get("id"))


def apply_translation(translation: TranslatedProgramme) -> LoadReport:
    """Create or update the programme's translation and its modules' in Locale ``ll``
    (after the source is loaded). A page whose file changed is published and marked as
    made from its source's live revision (``TranslationSync``)."""
    report = LoadReport()
    locale = locale_for(translation.language)
    source = ProgrammePage.objects.get(content_key=translation.key)
    prefix = f"{translation.slug}/{translation.language}"
    page = source.get_translation_or_none(locale)
    page = page.specific if page else None
    wanted = render_programme(translation)
    if page is None or render_programme(programme_source_from_page(page)) != wanted:
        created = page is None
        page = page or ProgrammePage(translation_key=source.translation_key, locale=locale)
        _fill_programme(page, translation)
        page.self_enrolment = source.self_enrolment
        page.translated_front = {
            name: translation.front[name] for name in SOURCE_SECTIONS if name in translation.front
        }
        if created:
            catalogue_for(translation.language).add_child(instance=page)
        _publish(page)
        mark_synced(page, source)
        (report.created if created else report.updated).append(f"{prefix}/{PROGRAMME_FILE}")
    else:
        report.unchanged.append(f"{prefix}/{PROGRAMME_FILE}")
    for module_source in translation.modules:
        label = f"{prefix}/{module_source.path.name}"
        original = ModulePage.objects.get(content_key=module_source.key)
        module = original.get_translation_or_none(locale)
        module = module.specific if module else None
        if module is not None and render_module(module_source_from_page(module)) == render_module(
            module_source
        ):
            report.unchanged.append(label)
            continue
        created = module is None
        module = module or ModulePage(
            translation_key=original.translation_key,
            locale=locale,
            completion_rule=original.completion_rule,
        )
        _fill_module(module, module_source)
        if created:
            page.add_child(instance=module)
        module.prerequisites.set(
            ModulePage.objects.filter(
                translation_key__in=[p.translation_key for p in original.prerequisites.all()],
                locale=locale,
            )
        )
        _publish(module)
        mark_synced(module, original)
        (report.created if created else report.updated).append(label)
    report.translations.append(prefix)
    return report


def translation_front(page: ProgrammePage) -> dict:
    """The front matter sections a translation keeps for its file (``translated_front``)."""
    return dict(page.translated_front or {})


def is_translation(page) -> bool:
    """A page of content/ without its own content key is a translation of one that has."""
    return not page.content_key and canonical(page).pk != page.pk
