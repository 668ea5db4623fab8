"""Write published programme pages back to files in the content/ format."""

from pathlib import Path

from assessments.content import export_exams
from courses.models import CertificationTrack, ModulePage, ProgrammePage

from .format import (
    PROGRAMME_FILE,
    ModuleSource,
    ProgrammeSource,
    canonical_certification,
    module_filename,
    render_module,
    render_programme,
)

EXPORTED_BLOCKS = {"markdown", "callout", "reflection", "task", "worksheet", "video"}


def programme_source_from_page(page: ProgrammePage) -> ProgrammeSource:
    front = {
        "key": page.content_key,
        "title": page.title,
        "language": page.language,
        "summary": page.summary,
        "audience": page.audience,
        "estimated_hours": page.estimated_hours,
        "outcomes": page.outcome_list,
    }
    track = certification_front(page)
    if track:
        front["certification"] = track
    return ProgrammeSource(
        folder=Path(page.slug), front=front, intro=page.intro.strip(), modules=[]
    )


def certification_front(page: ProgrammePage) -> dict | None:
    """The programme's certification track as front matter, or None without a track."""
    track = CertificationTrack.objects.filter(programme=page).first()
    if track is None:
        return None
    rows = [
        {
            "kind": row.kind,
            "key": row.key or None,
            "amount": row.amount,
            "label": row.label or None,
        }
        for row in track.requirements.order_by("sort_order", "pk")
    ]
    return canonical_certification(
        {
            "issuing": track.issuing,
            "validity_months": track.validity_months,
            "renewal_hours": track.renewal_hours,
            "requirements": rows,
        }
    )


def module_source_from_page(page: ModulePage) -> ModuleSource:
    front = {
        "key": page.content_key,
        "title": page.title,
        "order": page.order,
        "estimated_minutes": page.estimated_minutes,
        "outcomes": page.outcome_list,
        "prerequisites": list(
            page.prerequisites.order_by("order").values_list("content_key", flat=True)
        ),
    }
    if page.topic_list:
        front["topics"] = page.topic_list
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
    if kind == "worksheet":
        plain["rows"], plain["columns"] = list(value["rows"]), list(value["columns"])
    return plain


def export_content(root: Path) -> list[Path]:
    """Write every programme that has a stable key (and its keyed modules) under ``root``."""
    written = []
    for programme in ProgrammePage.objects.live().exclude(content_key=None).order_by("slug"):
        folder = root / programme.slug
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / PROGRAMME_FILE
        path.write_text(render_programme(programme_source_from_page(programme)), encoding="utf-8")
        written.append(path)
        modules = ModulePage.objects.child_of(programme).live().exclude(content_key=None)
        for module in modules.order_by("order").prefetch_related("prerequisites"):
            source = module_source_from_page(module)
            path = folder / source.path.name
            path.write_text(render_module(source), encoding="utf-8")
            written.append(path)
        written += export_exams(programme, folder)
    return written
