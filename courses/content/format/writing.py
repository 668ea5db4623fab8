"""Writing programmes and modules back to files: the exact inverse of reading on canonical
files."""

from decimal import Decimal
from typing import Any

import yaml

from .sources import (
    CALLOUT_KINDS,
    CATEGORY_KEYS,
    CERTIFICATION_KEYS,
    LIVED_REFLECTION,
    MODULE_KEYS,
    MODULE_OPTIONAL_KEYS,
    PRACTICE_KEYS,
    PROGRAMME_KEYS,
    PROGRAMME_OPTIONAL_KEYS,
    REQUIREMENT_KEYS,
    SOURCE_KEYS,
    ModuleSource,
    ProgrammeSource,
)


def render_front(
    front: dict[str, Any], keys: tuple[str, ...], optional: tuple[str, ...] = ()
) -> str:
    ordered = {name: plain(front[name]) for name in keys}
    for name in optional:
        if front.get(name):
            ordered[name] = plain(front[name])
    dumped = yaml.safe_dump(
        ordered, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False
    )
    return f"---\n{dumped}---\n"


def plain(value: Any) -> Any:
    """Numbers as people write them: 7, not 7.0; 6.5, not Decimal('6.5')."""
    if isinstance(value, Decimal | float) and not isinstance(value, bool):
        return int(value) if value == int(value) else float(value)
    if isinstance(value, dict):
        return {name: plain(item) for name, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def canonical_certification(block: dict | list | None) -> dict | list | None:
    """The certification block in the order the exporter writes it: the single form (one
    track) or the list form (levels, each with its key and name first); in each track
    known keys in their order, each requirement's keys in theirs, absent values left
    out."""
    if not block:
        return None
    if isinstance(block, list):
        return [
            {"key": track["key"], "name": track["name"], **_canonical_track(track)}
            for track in block
        ]
    return _canonical_track(block)


def _canonical_track(track: dict) -> dict:
    result = {name: track[name] for name in CERTIFICATION_KEYS[:-1] if track.get(name)}
    result["issuing"] = track["issuing"]
    result = {name: result[name] for name in CERTIFICATION_KEYS[:-1] if name in result}
    result["requirements"] = [
        {name: row[name] for name in REQUIREMENT_KEYS if row.get(name) is not None}
        for row in track["requirements"]
    ]
    return result


def canonical_practice(practice: dict | None) -> dict | None:
    """The practice block in the order the exporter writes it: known keys in their order,
    each category's keys in theirs; a category's 0 hours, ``supervision: false`` and empty
    description are left out."""
    if not practice or not practice.get("categories"):
        return None
    result = {name: practice[name] for name in PRACTICE_KEYS[:2] if practice.get(name)}
    result["categories"] = [
        {name: row[name] for name in CATEGORY_KEYS if row.get(name)}
        for row in practice["categories"]
    ]
    return result


def canonical_sources(sources: list[dict] | None) -> list[dict]:
    """Sources in the order the exporter writes each one's keys, empty values left out."""
    return [
        {name: source[name] for name in SOURCE_KEYS if source.get(name) not in (None, "")}
        for source in sources or []
    ]


def render_blocks(blocks: list[dict]) -> str:
    parts = []
    for block in blocks:
        kind, value = block["type"], block["value"]
        if kind == "markdown":
            parts.append(value.strip())
        elif kind == "callout":
            token = next(t for t, k in CALLOUT_KINDS.items() if k == value["kind"])
            parts.append(_fenced(token, value.get("title", ""), value["body"]))
        elif kind == "reflection":
            token = LIVED_REFLECTION if value.get("optional_lived_experience") else "reflection"
            parts.append(_fenced(token, value["title"], value["prompt"]))
        elif kind == "task":
            parts.append(_fenced("task", value["title"], value["instructions"]))
        elif kind in WORKSHEET_KEYS:
            parts.append(_worksheet(kind, value))
        elif kind == "video":
            parts.append(f"::: video {value}\n:::")
    return "\n\n".join(part for part in parts if part)


# A worksheet block's YAML keys in the order they are written, and its token in files.
WORKSHEET_KEYS = {
    "worksheet": ("rows", "columns"),
    "log": ("columns",),
    "sequence": ("steps",),
    "rating_wheel": ("areas", "scale"),
    "ranked_list": ("items", "own"),
    "decision_steps": ("steps",),
    "plan": (),
}


def _worksheet(kind: str, value: dict) -> str:
    """A worksheet block as written: ``instructions`` when there are any, then its own
    keys; a ranked list leaves out no given ``items`` and ``own: 0``."""
    data = {"instructions": value["instructions"]} if value.get("instructions") else {}
    for name in WORKSHEET_KEYS[kind]:
        if value[name] or kind != "ranked_list":
            data[name] = value[name]
    dumped = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False
    )
    return _fenced(kind.replace("_", "-"), value["title"], dumped if data else "")


def _fenced(kind: str, title: str, body: str) -> str:
    opening = f"::: {kind} {title}".rstrip()
    return f"{opening}\n{body.strip()}\n:::"


def render_document(front_text: str, body: str) -> str:
    return f"{front_text}\n{body}\n" if body else front_text


def render_programme(source: ProgrammeSource) -> str:
    return render_document(
        render_front(source.front, PROGRAMME_KEYS, PROGRAMME_OPTIONAL_KEYS), source.intro
    )


def render_module(source: ModuleSource) -> str:
    return render_document(
        render_front(source.front, MODULE_KEYS, MODULE_OPTIONAL_KEYS), render_blocks(source.blocks)
    )


def module_filename(order: int, slug: str) -> str:
    return f"{order:02d}-{slug}.md"
