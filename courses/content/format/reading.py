"""Reading a programme folder: front matter, module files, and the checks that hold across
files. Raises ``ContentError`` at the first problem."""

from pathlib import Path
from typing import Any

import yaml

from .body import parse_body
from .checks import (
    _check_module_front,
    _check_modules_together,
    _check_programme_front,
)
from .levels import check_certification_block
from .sources import (
    KEY_PATTERN,
    MODULE_FILENAME,
    MODULE_KEYS,
    MODULE_OPTIONAL_KEYS,
    PROGRAMME_FILE,
    PROGRAMME_KEYS,
    PROGRAMME_OPTIONAL_KEYS,
    ContentError,
    ModuleSource,
    ProgrammeSource,
    key_line,
)
from .writing import canonical_certification, canonical_practice, canonical_sources


def read_programme(folder: Path) -> ProgrammeSource:
    """Parse and check one programme folder; raise ContentError at the first problem."""
    programme_path = folder / PROGRAMME_FILE
    if not programme_path.is_file():
        raise ContentError(programme_path, 1, "every programme folder needs a programme.md")
    if not KEY_PATTERN.match(folder.name):
        raise ContentError(programme_path, 1, "the folder name must be lowercase-with-dashes")
    text = programme_path.read_text(encoding="utf-8")
    front, body, _ = split_front_matter(
        text, programme_path, PROGRAMME_KEYS, optional=PROGRAMME_OPTIONAL_KEYS
    )
    _check_programme_front(front, text, programme_path)

    modules = []
    for path in sorted(folder.glob("*.md")):
        if path.name == PROGRAMME_FILE:
            continue
        modules.append(read_module(path))
    _check_modules_together(modules)
    if "certification" in front:
        check_certification_block(front, modules, text, programme_path)
    if "certification" in front:
        front["certification"] = canonical_certification(front["certification"])
    if "practice" in front:
        front["practice"] = canonical_practice(front["practice"])
    if "sources" in front:
        front["sources"] = canonical_sources(front["sources"])
    return ProgrammeSource(folder=folder, front=front, intro=body.strip(), modules=modules)


def read_module(path: Path) -> ModuleSource:
    text = path.read_text(encoding="utf-8")
    match = MODULE_FILENAME.match(path.name)
    if not match:
        raise ContentError(path, 1, "a module file is named NN-slug.md, e.g. 03-theory.md")
    front, body, body_line = split_front_matter(
        text, path, MODULE_KEYS, optional=MODULE_OPTIONAL_KEYS
    )
    _check_module_front(front, text, path)
    if int(match.group(1)) != front["order"]:
        raise ContentError(
            path,
            key_line(text, "order"),
            f"order is {front['order']} but the file name starts with {match.group(1)}",
        )
    blocks = parse_body(body, path, body_line, module_key=front["key"])
    return ModuleSource(path=path, front=front, blocks=blocks)


def split_front_matter(
    text: str, path: Path, allowed: tuple[str, ...], optional: tuple[str, ...] = ()
) -> tuple[dict[str, Any], str, int]:
    """Split ``---``-fenced YAML from the body; return (front, body, body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(path, 1, "the file must start with '---' and YAML front matter")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ContentError(path, 1, "the front matter is not closed by a '---' line") from None
    try:
        front = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        # Where the broken construct began is usually the line to fix.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(error, "problem", None) or str(error)
        raise ContentError(path, line, f"the front matter is not valid YAML: {problem}") from None
    if not isinstance(front, dict):
        raise ContentError(path, 2, "the front matter must be a set of 'key: value' lines")
    for name in front:
        if name not in allowed and name not in optional:
            raise ContentError(path, key_line(text, name), f"unknown front matter key '{name}'")
    for name in allowed:
        if name not in front:
            raise ContentError(path, 1, f"the front matter is missing '{name}'")
    return front, "\n".join(lines[end + 1 :]), end + 2
