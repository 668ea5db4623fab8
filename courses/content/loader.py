"""Load programme folders into Wagtail pages, matching pages to files by stable key."""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from wagtail.models import Page, Site

from assessments.content import apply_exams, read_exams
from courses.models import (
    CertificationTrack,
    ModulePage,
    ProgrammeIndexPage,
    ProgrammePage,
    TrackRequirement,
)

from .exporter import certification_front, module_source_from_page, programme_source_from_page
from .format import (
    ContentError,
    ModuleSource,
    ProgrammeSource,
    read_programme,
    render_module,
    render_programme,
)

CATALOGUE_SLUG = "programmer"


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)

    def extend(self, other: "LoadReport") -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged


def programme_folders(root: Path) -> list[Path]:
    return sorted(path for path in root.iterdir() if path.is_dir() and any(path.glob("*.md")))


def load_content(root: Path) -> LoadReport:
    """Create or update the pages for every programme folder under ``root``.

    Each programme is read and checked completely before anything is written, and
    written in one transaction: a bad file leaves its programme exactly as it was,
    while the other programmes still load. A page whose file has not changed is left
    alone, so loading twice writes nothing the second time.
    """
    report = LoadReport()
    catalogue = ensure_catalogue()
    for folder in programme_folders(root):
        try:
            source = read_programme(folder)
            exams = read_exams(folder, source)
            with transaction.atomic():
                report.extend(apply_programme(source, catalogue))
                report.extend(apply_programme_exams(source, exams))
                apply_track(source)
        except ContentError as error:
            report.errors.append(error)
    return report


def apply_programme_exams(source: ProgrammeSource, exams) -> LoadReport:
    """Exams (``exam-*.yaml``) go in after the modules they may sit under."""
    programme = ProgrammePage.objects.get(content_key=source.key)
    result = apply_exams(exams, programme, source.slug)
    return LoadReport(
        created=result["created"], updated=result["updated"], unchanged=result["unchanged"]
    )


def apply_track(source: ProgrammeSource) -> None:
    """The programme's certification track follows its ``certification`` block: created,
    replaced when it differs, removed when the block is gone. Exams are checked here,
    after they are loaded, so a track may only require exams that exist."""
    from assessments.models import ExamPage

    programme = ProgrammePage.objects.get(content_key=source.key)
    wanted = source.front.get("certification")
    if certification_front(programme) == wanted:
        return
    CertificationTrack.objects.filter(programme=programme).delete()
    if not wanted:
        return
    for row in wanted["requirements"]:
        if row["kind"] == "exam" and not ExamPage.objects.filter(content_key=row["key"]).exists():
            raise ContentError(
                source.folder / "programme.md", 1,
                f"'certification' requires exam '{row['key']}', which no exam file defines",
            )  # fmt: skip
    track = CertificationTrack(
        programme=programme,
        issuing=wanted["issuing"],
        validity_months=wanted.get("validity_months"),
        renewal_hours=Decimal(str(wanted.get("renewal_hours", 0))),
    )
    track.requirements = [
        TrackRequirement(
            kind=row["kind"],
            key=row.get("key", ""),
            amount=Decimal(str(row["amount"])) if "amount" in row else None,
            label=row.get("label", ""),
            sort_order=index,
        )
        for index, row in enumerate(wanted["requirements"])
    ]
    track.save()


def ensure_catalogue() -> ProgrammeIndexPage:
    """The one programme catalogue, under the home page of the default site."""
    catalogue = ProgrammeIndexPage.objects.first()
    if catalogue:
        return catalogue
    site = Site.objects.get(is_default_site=True)
    catalogue = ProgrammeIndexPage(title="Programmer", slug=CATALOGUE_SLUG)
    site.root_page.add_child(instance=catalogue)
    catalogue.save_revision().publish()
    return catalogue


def apply_programme(source: ProgrammeSource, catalogue: ProgrammeIndexPage) -> LoadReport:
    report = LoadReport()
    label = f"{source.slug}/programme.md"
    programme = ProgrammePage.objects.filter(content_key=source.key).first()
    if programme is None:
        programme = ProgrammePage(content_key=source.key)
        _fill_programme(programme, source)
        catalogue.add_child(instance=programme)
        _publish(programme)
        report.created.append(label)
    elif render_programme(programme_source_from_page(programme)) != render_programme(source):
        _fill_programme(programme, source)
        _publish(programme)
        report.updated.append(label)
    else:
        report.unchanged.append(label)

    for module_source in source.modules:
        label = f"{source.slug}/{module_source.path.name}"
        module = ModulePage.objects.filter(content_key=module_source.key).first()
        if module is not None and module.get_parent().pk != programme.pk:
            raise ContentError(
                module_source.path, 1,
                f"key '{module_source.key}' already belongs to a module of another programme",
            )  # fmt: skip
        if module is None:
            module = ModulePage(content_key=module_source.key)
            _fill_module(module, module_source)
            programme.add_child(instance=module)
            _set_prerequisites(module, module_source)
            _publish(module)
            report.created.append(label)
        elif render_module(module_source_from_page(module)) != render_module(module_source):
            _fill_module(module, module_source)
            _set_prerequisites(module, module_source)
            _publish(module)
            report.updated.append(label)
        else:
            report.unchanged.append(label)
    return report


def _fill_programme(page: ProgrammePage, source: ProgrammeSource) -> None:
    front = source.front
    page.title = page.draft_title = front["title"]
    page.slug = source.slug
    page.language = front["language"]
    page.summary = front["summary"].strip()
    page.audience = front["audience"].strip()
    page.estimated_hours = Decimal(str(front["estimated_hours"]))
    page.outcomes = "\n".join(item.strip() for item in front["outcomes"])
    page.intro = source.intro


def _fill_module(page: ModulePage, source: ModuleSource) -> None:
    front = source.front
    page.title = page.draft_title = front["title"]
    page.slug = source.slug
    page.order = front["order"]
    page.estimated_minutes = front["estimated_minutes"]
    page.outcomes = "\n".join(item.strip() for item in front["outcomes"])
    page.topics = ",".join(front.get("topics") or [])
    page.body = source.blocks


def _set_prerequisites(page: ModulePage, source: ModuleSource) -> None:
    keys = source.front["prerequisites"]
    required = list(ModulePage.objects.filter(content_key__in=keys))
    page.prerequisites.set(required)


def _publish(page: Page) -> None:
    """Every change goes through a revision, so the admin's history shows what the files did."""
    page.save_revision(log_action=True).publish()
