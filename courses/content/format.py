"""The content file format: YAML front matter, Markdown, and ``:::`` blocks.

Parsing and rendering are exact inverses on canonical files: ``render(parse(text)) ==
text``. The loader compares rendered text to decide whether a page changed, and the
exporter writes the same text, so export after load reproduces the files.
"""

import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

PROGRAMME_FILE = "programme.md"
PROGRAMME_KEYS = ("key", "title", "language", "summary", "audience", "estimated_hours", "outcomes")
MODULE_KEYS = ("key", "title", "order", "estimated_minutes", "outcomes", "prerequisites")
# Optional keys follow the required ones and are written only when they hold something.
PROGRAMME_OPTIONAL_KEYS = ("certification",)
MODULE_OPTIONAL_KEYS = ("topics",)
CERTIFICATION_KEYS = ("issuing", "validity_months", "renewal_hours", "requirements")
REQUIREMENT_KEYS = ("kind", "key", "amount", "label")
ISSUING = ("automatic", "approval")
REQUIREMENT_KINDS = {
    # kind: (needs a key, needs an amount)
    "modules": (False, False),
    "module": (True, False),
    "exam": (True, False),
    "hours": (False, True),
    "hours_category": (True, True),
    "education": (True, True),
    "attestation": (True, False),
}
CALLOUT_KINDS = {"note": "note", "tip": "tip", "warning": "warning", "content-note": "content_note"}
TITLED_BLOCKS = {"reflection", "task", "worksheet"}
BLOCK_TYPES = {*CALLOUT_KINDS, *TITLED_BLOCKS, "video"}
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MODULE_FILENAME = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
OPENING = re.compile(r"^:::\s*([A-Za-z-]+)(?:[ \t]+(.*?))?\s*$")
BLOCK_ID_NAMESPACE = uuid.UUID("6f0f2c1e-2d52-4c55-9d1c-2f1d4c6a9b01")


class ContentError(Exception):
    """A problem in a content file, pointing at the file and line a person should fix."""

    def __init__(self, path: Path | str, line: int, message: str):
        self.path, self.line, self.message = Path(path), line, message
        super().__init__(f"{path}:{line}: {message}")


@dataclass
class ModuleSource:
    path: Path
    front: dict[str, Any]
    blocks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.front["key"]

    @property
    def slug(self) -> str:
        return MODULE_FILENAME.match(self.path.name).group(2)


@dataclass
class ProgrammeSource:
    folder: Path
    front: dict[str, Any]
    intro: str
    modules: list[ModuleSource]

    @property
    def key(self) -> str:
        return self.front["key"]

    @property
    def slug(self) -> str:
        return self.folder.name


# --- reading -------------------------------------------------------------------------


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
    _check_track_modules(front, modules, text, programme_path)
    if "certification" in front:
        front["certification"] = canonical_certification(front["certification"])
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


def key_line(text: str, name: str) -> int:
    """The line on which front matter key ``name`` stands (1 if it is not there)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{name}:"):
            return number
    return 1


def _require(condition: bool, path: Path, text: str, name: str, message: str) -> None:
    if not condition:
        raise ContentError(path, key_line(text, name), f"'{name}' {message}")


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


def _check_common_front(front: dict, text: str, path: Path) -> None:
    _require(
        isinstance(front["key"], str) and bool(KEY_PATTERN.match(front["key"])),
        path, text, "key", "must be lowercase letters, digits and dashes",
    )  # fmt: skip
    _require(
        isinstance(front["title"], str) and 0 < len(front["title"].strip()) <= 255,
        path, text, "title", "must be text of at most 255 characters",
    )  # fmt: skip
    _require(
        _is_text_list(front["outcomes"]) and bool(front["outcomes"]),
        path, text, "outcomes", "must be a list of one or more outcomes",
    )  # fmt: skip


def _check_programme_front(front: dict, text: str, path: Path) -> None:
    _check_common_front(front, text, path)
    languages = [code for code, _ in settings.LANGUAGES]
    _require(front["language"] in languages, path, text, "language", f"must be one of {languages}")
    for name in ("summary", "audience"):
        _require(
            isinstance(front[name], str) and bool(front[name].strip()),
            path, text, name, "must be text",
        )  # fmt: skip
    hours = front["estimated_hours"]
    _require(
        isinstance(hours, int | float) and not isinstance(hours, bool) and 0 < hours < 10000,
        path, text, "estimated_hours", "must be a number of hours above 0",
    )  # fmt: skip
    if "certification" in front:
        _check_certification(front["certification"], text, path)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def _check_certification(track: Any, text: str, path: Path) -> None:
    """The ``certification`` block: issuing, validity, renewal and requirement rows."""
    line = key_line(text, "certification")

    def fail(message: str):
        raise ContentError(path, line, f"'certification' {message}")

    if not isinstance(track, dict):
        fail("must be a set of 'key: value' lines")
    unknown = set(track) - set(CERTIFICATION_KEYS)
    if unknown:
        fail(f"has unknown key '{sorted(unknown)[0]}' (known: {', '.join(CERTIFICATION_KEYS)})")
    if track.get("issuing") not in ISSUING:
        fail(f"needs 'issuing': one of {', '.join(ISSUING)}")
    validity = track.get("validity_months")
    if validity is not None and not (isinstance(validity, int) and 0 < validity < 1000):
        fail("'validity_months' must be a whole number of months above 0")
    if "renewal_hours" in track and not _is_number(track["renewal_hours"]):
        fail("'renewal_hours' must be a number of hours")
    requirements = track.get("requirements")
    if not isinstance(requirements, list) or not requirements:
        fail("needs 'requirements': a list of one or more requirements")
    seen = set()
    for number, row in enumerate(requirements, start=1):
        if not isinstance(row, dict) or set(row) - set(REQUIREMENT_KEYS):
            fail(f"requirement {number} may only have {', '.join(REQUIREMENT_KEYS)}")
        kind = row.get("kind")
        if kind not in REQUIREMENT_KINDS:
            fail(f"requirement {number} has unknown kind '{kind}'")
        needs_key, needs_amount = REQUIREMENT_KINDS[kind]
        key = row.get("key")
        if needs_key != (key is not None) or (
            key is not None and not (isinstance(key, str) and KEY_PATTERN.match(key))
        ):
            fail(
                f"requirement {number} ({kind}) "
                + ("needs" if needs_key else "takes no")
                + " 'key'"
            )
        if needs_amount != ("amount" in row) or (needs_amount and not _is_number(row["amount"])):
            fail(
                f"requirement {number} ({kind}) "
                + ("needs" if needs_amount else "takes no")
                + " 'amount' in hours"
            )
        if "label" in row and not (isinstance(row["label"], str) and row["label"].strip()):
            fail(f"requirement {number}: 'label' must be text")
        if kind == "attestation" and "label" not in row:
            fail(f"requirement {number}: an attestation needs a 'label' saying what is attested")
        if (kind, key) in seen:
            fail(f"requirement {number} repeats {kind} {key or ''}".rstrip())
        seen.add((kind, key))


def _check_track_modules(front: dict, modules: list, text: str, path: Path) -> None:
    """A track's module requirements name modules of this programme."""
    keys = {module.key for module in modules}
    for row in (front.get("certification") or {}).get("requirements", []):
        if row["kind"] == "module" and row["key"] not in keys:
            raise ContentError(
                path, key_line(text, "certification"),
                f"'certification' requires module '{row['key']}', which is not in this programme",
            )  # fmt: skip


def _check_module_front(front: dict, text: str, path: Path) -> None:
    _check_common_front(front, text, path)
    for name in ("order", "estimated_minutes"):
        value = front[name]
        _require(
            isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10000,
            path, text, name, "must be a whole number above 0",
        )  # fmt: skip
    _require(
        isinstance(front["prerequisites"], list)
        and all(isinstance(item, str) for item in front["prerequisites"]),
        path, text, "prerequisites", "must be a list of module keys ([] for none)",
    )  # fmt: skip
    if "topics" in front:
        _require(
            isinstance(front["topics"], list) and bool(front["topics"])
            and all(isinstance(t, str) and KEY_PATTERN.match(t) for t in front["topics"]),
            path, text, "topics", "must be a list of topic keys (lowercase-with-dashes)",
        )  # fmt: skip


def _check_modules_together(modules: list[ModuleSource]) -> None:
    """Keys and orders are unique; prerequisites name earlier modules of this programme."""
    by_key: dict[str, ModuleSource] = {}
    orders: dict[int, ModuleSource] = {}
    for module in modules:
        text = module.path.read_text(encoding="utf-8")
        if module.key in by_key:
            raise ContentError(
                module.path, key_line(text, "key"),
                f"key '{module.key}' is also used by {by_key[module.key].path.name}",
            )  # fmt: skip
        if module.front["order"] in orders:
            raise ContentError(
                module.path, key_line(text, "order"),
                f"order {module.front['order']} is also used by "
                f"{orders[module.front['order']].path.name}",
            )  # fmt: skip
        by_key[module.key] = module
        orders[module.front["order"]] = module
    for module in modules:
        text = module.path.read_text(encoding="utf-8")
        for required in module.front["prerequisites"]:
            earlier = by_key.get(required)
            if earlier is None or earlier.front["order"] >= module.front["order"]:
                raise ContentError(
                    module.path, key_line(text, "prerequisites"),
                    f"prerequisite '{required}' is not an earlier module of this programme",
                )  # fmt: skip


def parse_body(body: str, path: Path, first_line: int, *, module_key: str) -> list[dict]:
    """Turn a module body into StreamField data: Markdown between ``:::`` blocks."""
    blocks: list[dict] = []
    markdown: list[str] = []
    current: dict | None = None

    def flush_markdown() -> None:
        text = "\n".join(markdown).strip()
        if text:
            blocks.append({"type": "markdown", "value": text})
        markdown.clear()

    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        opening = OPENING.match(line)
        if current is None:
            if line.strip() == ":::":
                raise ContentError(path, number, "':::' closes a block, but no block is open")
            if opening:
                flush_markdown()
                current = {
                    "kind": opening.group(1),
                    "title": (opening.group(2) or "").strip(),
                    "line": number,
                    "lines": [],
                }
            else:
                markdown.append(line)
        elif line.strip() == ":::":
            blocks.append(_make_block(current, path))
            current = None
        elif opening:
            raise ContentError(
                path, number,
                f"the '{current['kind']}' block from line {current['line']} is never closed "
                f"with ':::' before this new block",
            )  # fmt: skip
        else:
            current["lines"].append(line)
    if current is not None:
        raise ContentError(
            path, current["line"], f"the '{current['kind']}' block is never closed with ':::'"
        )
    flush_markdown()
    return with_stable_ids(blocks, module_key)


def _make_block(source: dict, path: Path) -> dict:
    kind, title, line = source["kind"], source["title"], source["line"]
    text = "\n".join(source["lines"]).strip()
    if kind not in BLOCK_TYPES:
        known = ", ".join(sorted(BLOCK_TYPES))
        raise ContentError(path, line, f"unknown block type '{kind}' (known: {known})")
    if kind in TITLED_BLOCKS and not title:
        raise ContentError(path, line, f"a '{kind}' block needs a title after '::: {kind}'")
    if kind in CALLOUT_KINDS:
        if not text:
            raise ContentError(path, line, f"the '{kind}' block has no text")
        value = {"kind": CALLOUT_KINDS[kind], "title": title, "body": text}
        return {"type": "callout", "value": value}
    if kind == "reflection":
        if not text:
            raise ContentError(path, line, "the reflection block has no question")
        return {"type": "reflection", "value": {"title": title, "prompt": text}}
    if kind == "task":
        if not text:
            raise ContentError(path, line, "the task block has no instructions")
        return {"type": "task", "value": {"title": title, "instructions": text}}
    if kind == "video":
        if not title.startswith(("https://", "http://")) or text:
            raise ContentError(path, line, "write a video as '::: video https://…' then ':::'")
        return {"type": "video", "value": title}
    return {"type": "worksheet", "value": _parse_worksheet(text, title, path, line)}


def _parse_worksheet(text: str, title: str, path: Path, line: int) -> dict:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        at = line + 1 + mark.line if mark else line
        raise ContentError(path, at, "the worksheet is not valid YAML") from None
    if not isinstance(data, dict) or set(data) - {"instructions", "rows", "columns"}:
        raise ContentError(
            path, line, "a worksheet holds only 'instructions', 'rows' and 'columns'"
        )
    for name in ("rows", "columns"):
        if not _is_text_list(data.get(name)) or not data[name]:
            raise ContentError(path, line, f"the worksheet needs '{name}': a list of labels")
    instructions = data.get("instructions") or ""
    if not isinstance(instructions, str):
        raise ContentError(path, line, "the worksheet's 'instructions' must be text")
    return {
        "title": title,
        "instructions": instructions.strip(),
        "rows": list(data["rows"]),
        "columns": list(data["columns"]),
    }


def with_stable_ids(blocks: list[dict], module_key: str) -> list[dict]:
    """Give each block an id derived from its module, type and title, so that loading the
    same file again keeps the ids that journal entries and answers point at."""
    seen: dict[tuple, int] = {}
    for block in blocks:
        value = block["value"]
        title = value.get("title", "") if isinstance(value, dict) else ""
        signature = (block["type"], title)
        seen[signature] = seen.get(signature, 0) + 1
        name = f"{module_key}/{block['type']}/{title}/{seen[signature]}"
        block["id"] = str(uuid.uuid5(BLOCK_ID_NAMESPACE, name))
    return blocks


# --- writing -------------------------------------------------------------------------


def render_front(
    front: dict[str, Any], keys: tuple[str, ...], optional: tuple[str, ...] = ()
) -> str:
    ordered = {name: _plain(front[name]) for name in keys}
    for name in optional:
        if front.get(name):
            ordered[name] = _plain(front[name])
    dumped = yaml.safe_dump(
        ordered, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False
    )
    return f"---\n{dumped}---\n"


def _plain(value: Any) -> Any:
    """Numbers as people write them: 7, not 7.0; 6.5, not Decimal('6.5')."""
    if isinstance(value, Decimal | float) and not isinstance(value, bool):
        return int(value) if value == int(value) else float(value)
    if isinstance(value, dict):
        return {name: _plain(item) for name, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def canonical_certification(track: dict | None) -> dict | None:
    """The certification block in the order the exporter writes it: known keys in their
    order, each requirement's keys in theirs, absent values left out."""
    if not track:
        return None
    result = {name: track[name] for name in CERTIFICATION_KEYS[:3] if track.get(name)}
    result["issuing"] = track["issuing"]
    result = {name: result[name] for name in CERTIFICATION_KEYS[:3] if name in result}
    result["requirements"] = [
        {name: row[name] for name in REQUIREMENT_KEYS if row.get(name) is not None}
        for row in track["requirements"]
    ]
    return result


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
            parts.append(_fenced("reflection", value["title"], value["prompt"]))
        elif kind == "task":
            parts.append(_fenced("task", value["title"], value["instructions"]))
        elif kind == "worksheet":
            data = {}
            if value.get("instructions"):
                data["instructions"] = value["instructions"]
            data["rows"] = list(value["rows"])
            data["columns"] = list(value["columns"])
            dumped = yaml.safe_dump(
                data, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False
            )
            parts.append(_fenced("worksheet", value["title"], dumped))
        elif kind == "video":
            parts.append(f"::: video {value}\n:::")
    return "\n\n".join(part for part in parts if part)


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
