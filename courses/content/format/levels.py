"""The checks of a programme's ``certification`` block as a whole: the single form (one
track) or the list form (levels, each with a key and a name), and what the tracks ask of
the rest of the programme (its practice categories and modules). Each points at the
line to fix."""

from pathlib import Path
from typing import Any

from .checks import _check_certification, line_after
from .sources import KEY_PATTERN, ContentError, ModuleSource, key_line, tracks_of


def track_lines(block: Any, text: str) -> list[int]:
    """The line each track starts on: the ``certification`` line for the single form,
    each level's ``- key:`` line for the list form."""
    start = key_line(text, "certification")
    if not isinstance(block, list):
        return [start]
    lines, line = [], start
    for track in block:
        key = track.get("key") if isinstance(track, dict) else None
        if isinstance(key, str):
            line = line_after(text, line + 1, f"- key: {key}")
        lines.append(line)
    return lines


def check_certification_block(
    front: dict, modules: list[ModuleSource], text: str, path: Path
) -> None:
    """The whole ``certification`` block. A list names each level by a unique key
    (lowercase-with-dashes) and a name, lowest level first; a ``level`` requirement names
    a level listed before its own."""
    block = front["certification"]
    lines = track_lines(block, text)
    if not isinstance(block, list):
        _check_certification(block, text, path, lines[0])
    elif not block:
        raise ContentError(path, lines[0], "'certification' needs one or more levels")
    else:
        earlier: list[str] = []
        for number, (track, line) in enumerate(zip(block, lines, strict=True), start=1):
            key = track.get("key") if isinstance(track, dict) else None
            if not (isinstance(key, str) and KEY_PATTERN.match(key) and len(key) <= 64):
                raise ContentError(
                    path, line, f"'certification' level {number} needs a 'key' "
                    "(lowercase-with-dashes, at most 64 characters)",
                )  # fmt: skip
            if key in earlier:
                raise ContentError(path, line, f"'certification' repeats the level '{key}'")
            name = track.get("name")
            if not (isinstance(name, str) and 0 < len(name.strip()) <= 200):
                raise ContentError(
                    path, line, f"'certification' level '{key}' needs a 'name' of at most "
                    "200 characters",
                )  # fmt: skip
            _check_certification(track, text, path, line, tuple(earlier))
            earlier.append(key)
    for track, line in zip(tracks_of(block), lines, strict=True):
        _check_track_practice(front, track, text, path, line)
        _check_track_modules(track, modules, path, line)


HOURS_KINDS = {
    "hours",
    "hours_category",
    "practice_hours",
    "supervision_hours",
    "supervision_ratio",
}


def _check_track_practice(front: dict, track: dict, text: str, path: Path, start: int) -> None:
    """Hours requirements need the categories they count: a track that counts practice
    hours needs a ``practice`` block, a category requirement names a declared category,
    supervision needs a supervision category and the ratio a declared ratio."""
    practice = front.get("practice") or {}
    categories = {row["key"]: row for row in practice.get("categories", [])}
    for number, row in enumerate(track["requirements"], start=1):
        kind = row["kind"]
        if kind not in HOURS_KINDS:
            continue
        line = line_after(text, start, f"kind: {kind}")
        if not categories:
            raise ContentError(
                path, line,
                f"'certification' requirement {number} ({kind}) counts practice hours, "
                "but the programme declares no 'practice' categories",
            )  # fmt: skip
        if kind == "hours_category" and row["key"] not in categories:
            raise ContentError(
                path, line_after(text, start, f"key: {row['key']}"),
                f"'certification' requirement {number} names practice category "
                f"'{row['key']}', which 'practice' does not declare",
            )  # fmt: skip
        if kind == "supervision_hours" and not any(
            c.get("supervision") for c in categories.values()
        ):
            raise ContentError(
                path, line,
                f"'certification' requirement {number} counts supervision received, but no "
                "practice category has 'supervision: true'",
            )  # fmt: skip
        if kind == "supervision_ratio" and not practice.get("practice_hours_per_supervision_hour"):
            raise ContentError(
                path, line,
                f"'certification' requirement {number} asks for the supervision ratio, but "
                "'practice' sets no 'practice_hours_per_supervision_hour'",
            )  # fmt: skip


def _check_track_modules(track: dict, modules: list[ModuleSource], path: Path, line: int) -> None:
    """A track's module requirements name modules of this programme."""
    keys = {module.key for module in modules}
    for row in track["requirements"]:
        if row["kind"] == "module" and row["key"] not in keys:
            raise ContentError(
                path, line,
                f"'certification' requires module '{row['key']}', which is not in this programme",
            )  # fmt: skip
