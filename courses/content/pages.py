"""Programme and module pages as content files: the courses app's content handler.

It writes ``programme.md`` and the module files of a programme folder into pages
(matching each file to its page by a stable key) and the pages back into files.
"""

from decimal import Decimal
from pathlib import Path

from wagtail.models import Page

from courses.blocks import WORKSHEET_BLOCKS
from courses.models import CertificationTrack, ModulePage, ProgrammeIndexPage, ProgrammePage
from courses.translation import canonical

from .format import (
    PROGRAMME_FILE,
    ContentError,
    ModuleSource,
    ProgrammeSource,
    canonical_certification,
    canonical_practice,
    canonical_sources,
    module_filename,
    render_module,
    render_programme,
)
from .handlers import LoadReport, front_sections
from .trees import catalogue_for, source_catalogue

EXPORTED_BLOCKS = {"markdown", "callout", "reflection", "task", *WORKSHEET_BLOCKS, "video"}


class PageHandler:
    """The programme page and its module pages (``programme.md``, ``NN-slug.md``)."""

    def read(self, folder: Path, source: ProgrammeSource) -> ProgrammeSource:
        return source  # read_programme has read and checked these files already

    def apply(self, data: ProgrammeSource, source: ProgrammeSource) -> LoadReport:
        return apply_programme(source, catalogue_for(source.front["language"]))

    def export(self, programme: ProgrammePage, folder: Path) -> list[Path]:
        return export_programme(programme, folder)

    def defines(self, kind: str, key: str) -> bool:
        return kind == "module" and ModulePage.objects.filter(content_key=key).exists()


def ensure_catalogue() -> ProgrammeIndexPage:
    """The programme catalogue of the home tree (``trees.source_catalogue``)."""
    return source_catalogue()


def _into_catalogue(programme: ProgrammePage, catalogue: ProgrammeIndexPage) -> ProgrammePage:
    """A programme lives in its own language's tree: one loaded before the trees were
    per locale is moved there, with its modules and exams."""
    if programme.get_parent().pk == catalogue.pk:
        return programme
    programme.move(catalogue, pos="last-child")
    Page.objects.descendant_of(programme, inclusive=True).update(locale=catalogue.locale_id)
    return ProgrammePage.objects.get(pk=programme.pk)


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
        programme = _into_catalogue(programme, catalogue)
        _fill_programme(programme, source)
        _publish(programme)
        report.updated.append(label)
    else:
        programme = _into_catalogue(programme, catalogue)
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
    page.sources = [
        {
            "type": "source",
            "value": {
                "title": source["title"],
                "author": source.get("author", ""),
                "year": source.get("year"),
                "url": source.get("url", ""),
            },
        }
        for source in front.get("sources") or []
    ]


def _fill_module(page: ModulePage, source: ModuleSource) -> None:
    front = source.front
    page.title = page.draft_title = front["title"]
    page.slug = source.slug
    page.order = front["order"]
    page.estimated_minutes = front["estimated_minutes"]
    page.outcomes = "\n".join(item.strip() for item in front["outcomes"])
    page.topics = ",".join(front.get("topics") or [])
    page.for_role = front.get("for_role") or ""
    page.signoff = front.get("signoff") or ""
    page.body = source.blocks


def _set_prerequisites(page: ModulePage, source: ModuleSource) -> None:
    keys = source.front["prerequisites"]
    required = list(ModulePage.objects.filter(content_key__in=keys))
    page.prerequisites.set(required)


def _publish(page: Page) -> None:
    """Every change goes through a revision, so the admin's history shows what the files did."""
    page.save_revision(log_action=True).publish()


def programme_source_from_page(page: ProgrammePage) -> ProgrammeSource:
    """The programme.md of a source page, or of a translation (its source's key, the
    sections it keeps in ``translated_front``)."""
    if not page.content_key:
        return _translated_programme_source(page)
    front = {
        "key": page.content_key,
        "title": page.title,
        "language": page.language,
        "summary": page.summary,
        "audience": page.audience,
        "estimated_hours": page.estimated_hours,
        "outcomes": page.outcome_list,
    }
    front.update({name: value for name, value in front_sections(page).items() if value})
    track = certification_front(page)
    if track:
        front["certification"] = track
    sources = canonical_sources(
        [dict(block.value) for block in page.sources if block.block_type == "source"]
    )
    if sources:
        front["sources"] = sources
    return ProgrammeSource(
        folder=Path(page.slug), front=front, intro=page.intro.strip(), modules=[]
    )


def _translated_programme_source(page: ProgrammePage) -> ProgrammeSource:
    front = {
        "key": canonical(page).content_key,
        "title": page.title,
        "language": page.language,
        "summary": page.summary,
        "audience": page.audience,
        "estimated_hours": page.estimated_hours,
        "outcomes": page.outcome_list,
    }
    # In the files' own key order (PostgreSQL's jsonb keeps no order).
    kept = page.translated_front or {}
    if kept.get("practice"):
        front["practice"] = canonical_practice(kept["practice"])
    if kept.get("certification"):
        front["certification"] = canonical_certification(kept["certification"])
    sources = canonical_sources(
        [dict(block.value) for block in page.sources if block.block_type == "source"]
    )
    if sources:
        front["sources"] = sources
    return ProgrammeSource(
        folder=Path(page.slug), front=front, intro=page.intro.strip(), modules=[]
    )


def certification_front(page: ProgrammePage) -> dict | list | None:
    """The programme's certification as front matter: None without a track, the single
    form for one unnamed track, the list form for levels."""
    tracks = list(
        CertificationTrack.objects.filter(programme=page)
        .prefetch_related("requirements")
        .order_by("sort_order", "pk")
    )
    if not tracks:
        return None
    fronts = [_track_front(track) for track in tracks]
    if len(tracks) == 1 and not tracks[0].key and not tracks[0].name:
        return canonical_certification(fronts[0])
    return canonical_certification(
        [
            {"key": track.key, "name": track.name, **front}
            for track, front in zip(tracks, fronts, strict=True)
        ]
    )


def _track_front(track: CertificationTrack) -> dict:
    rows = [
        {
            "kind": row.kind,
            "key": row.key or None,
            "amount": row.amount,
            "label": row.label or None,
            "years": row.within_years,
            "confirm": None if row.confirmation == "none" else row.confirmation,
            "health": True if row.health else None,
        }
        for row in sorted(track.requirements.all(), key=lambda row: (row.sort_order, row.pk))
    ]
    return {
        "issuing": track.issuing,
        "validity_months": track.validity_months,
        "renewal_hours": track.renewal_hours,
        "verified_education": track.verified_education or None,
        "requirements": rows,
    }


def module_source_from_page(page: ModulePage) -> ModuleSource:
    """A module file from its page; a translation takes its key and prerequisites from
    its source."""
    keyed = page if page.content_key else canonical(page)
    front = {
        "key": keyed.content_key,
        "title": page.title,
        "order": page.order,
        "estimated_minutes": page.estimated_minutes,
        "outcomes": page.outcome_list,
        "prerequisites": list(
            keyed.prerequisites.order_by("order").values_list("content_key", flat=True)
        ),
    }
    if page.topic_list:
        front["topics"] = page.topic_list
    if page.for_role:
        front["for_role"] = page.for_role
    if page.signoff:
        front["signoff"] = page.signoff
    blocks = [
        {"type": block.block_type, "value": _plain_value(block.block_type, block.value)}
        for block in page.body
        if block.block_type in EXPORTED_BLOCKS
    ]
    path = Path(module_filename(page.order, page.slug))
    return ModuleSource(path=path, front=front, blocks=blocks)


def _plain_value(kind: str, value):
    if kind == "markdown":
        return value
    if kind == "video":
        return value.url
    plain = dict(value)
    for name in ("rows", "columns", "steps", "areas", "items"):
        if name in plain:
            plain[name] = [
                {"name": item["name"], "prompt": item["prompt"]} if kind == "decision_steps"
                else item
                for item in value[name]
            ]  # fmt: skip
    return plain


def export_programme(programme: ProgrammePage, folder: Path) -> list[Path]:
    """Write ``programme.md`` and every keyed, published module of the programme."""
    path = folder / PROGRAMME_FILE
    path.write_text(render_programme(programme_source_from_page(programme)), encoding="utf-8")
    written = [path]
    modules = ModulePage.objects.child_of(programme).live()
    if programme.content_key:
        modules = modules.exclude(content_key=None)
    for module in modules.order_by("order").prefetch_related("prerequisites"):
        source = module_source_from_page(module)
        path = folder / source.path.name
        path.write_text(render_module(source), encoding="utf-8")
        written.append(path)
    return written
