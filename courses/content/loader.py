"""Load programme folders into Wagtail pages, matching pages to files by stable key.

Every registered content handler (``courses.content.handlers``) reads its files of a
folder, then writes them; the loader imports none of them.
"""

from decimal import Decimal
from pathlib import Path

from django.db import transaction

from courses.models import CertificationTrack, ProgrammePage, TrackRequirement

from .format import ContentError, ProgrammeSource, read_programme, tracks_of
from .handlers import LoadReport, defined, handlers
from .pages import certification_front, ensure_catalogue
from .translations import apply_translation, read_translation, translation_folders

__all__ = ["LoadReport", "load_content", "programme_folders"]


def programme_folders(root: Path) -> list[Path]:
    return sorted(path for path in root.iterdir() if path.is_dir() and any(path.glob("*.md")))


def load_content(root: Path) -> LoadReport:
    """Create or update the pages for every programme folder under ``root``.

    Each programme is read and checked completely (by every handler) before anything is
    written, and written in one transaction: a bad file leaves its programme exactly as
    it was, while the other programmes still load. A page whose file has not changed is
    left alone, so loading twice writes nothing the second time.

    Then each translation in the folder (``<slug>/<ll>/``) is read, checked against the
    source and written the same way, each in its own transaction: a translation whose
    structure differs from its source is refused, the source and the other
    translations still load.
    """
    report = LoadReport()
    ensure_catalogue()
    for folder in programme_folders(root):
        try:
            source = read_programme(folder)
            read = [(handler, handler.read(folder, source)) for handler in handlers()]
            with transaction.atomic():
                for handler, data in read:
                    report.extend(handler.apply(data, source))
                apply_track(source)
        except ContentError as error:
            report.errors.append(error)
            continue
        for translated_folder in translation_folders(folder):
            try:
                load_translation(translated_folder, source, dict(read), report)
            except ContentError as error:
                report.errors.append(error)
    return report


def load_translation(folder: Path, source: ProgrammeSource, read: dict, report: LoadReport):
    """Read and check one translation completely, then write it in one transaction."""
    translation = read_translation(folder, source)
    extra = [
        (handler, handler.read_translation(folder, translation, read[handler]))
        for handler in handlers()
        if hasattr(handler, "read_translation")
    ]
    with transaction.atomic():
        report.extend(apply_translation(translation))
        for handler, data in extra:
            report.extend(handler.apply_translation(data, translation))


def apply_track(source: ProgrammeSource) -> None:
    """The programme's certification tracks follow its ``certification`` block (one
    track, or one per level in the list form): created, replaced when the block differs,
    removed when it is gone. Exams are checked here, after they are loaded, so a track
    may only require exams that exist."""
    programme = ProgrammePage.objects.get(content_key=source.key)
    wanted = source.front.get("certification")
    if certification_front(programme) == wanted:
        return
    CertificationTrack.objects.filter(programme=programme).delete()
    for order, wanted_track in enumerate(tracks_of(wanted)):
        for row in wanted_track["requirements"]:
            if row["kind"] == "exam" and not defined("exam", row["key"]):
                raise ContentError(
                    source.folder / "programme.md", 1,
                    f"'certification' requires exam '{row['key']}', which no exam file defines",
                )  # fmt: skip
        _create_track(programme, wanted_track, order)


def _create_track(programme: ProgrammePage, wanted: dict, order: int) -> None:
    track = CertificationTrack(
        programme=programme,
        key=wanted.get("key", ""),
        name=wanted.get("name", ""),
        sort_order=order,
        issuing=wanted["issuing"],
        validity_months=wanted.get("validity_months"),
        renewal_hours=Decimal(str(wanted.get("renewal_hours", 0))),
        verified_education=bool(wanted.get("verified_education")),
    )
    track.requirements = [
        TrackRequirement(
            kind=row["kind"],
            key=row.get("key", ""),
            amount=Decimal(str(row["amount"])) if "amount" in row else None,
            label=row.get("label", ""),
            within_years=row.get("years"),
            confirmation=row.get("confirm", TrackRequirement.Confirmation.NONE),
            health=bool(row.get("health")),
            sort_order=index,
        )
        for index, row in enumerate(wanted["requirements"])
    ]
    track.save()
