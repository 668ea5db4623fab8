"""Write published programme pages back to files in the content/ format: every
registered content handler writes its files of each programme's folder."""

from pathlib import Path

from courses.models import ProgrammePage

from .handlers import handlers


def export_content(root: Path) -> list[Path]:
    """Write every programme that has a stable key (and its keyed modules) under ``root``,
    and each of its published translations under ``<slug>/<ll>/``."""
    written = []
    for programme in ProgrammePage.objects.live().exclude(content_key=None).order_by("slug"):
        folder = root / programme.slug
        folder.mkdir(parents=True, exist_ok=True)
        for handler in handlers():
            written += handler.export(programme, folder)
        translations = ProgrammePage.objects.live().filter(
            translation_key=programme.translation_key, content_key=None
        )
        for translation in translations.select_related("locale").order_by("locale__language_code"):
            translated_folder = folder / translation.locale.language_code
            translated_folder.mkdir(exist_ok=True)
            for handler in handlers():
                written += handler.export(translation, translated_folder)
    return written
