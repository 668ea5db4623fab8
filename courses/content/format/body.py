"""A module's body: Markdown between ``:::`` blocks, turned into StreamField data with
stable block ids."""

import uuid
from pathlib import Path

import yaml

from .checks import _is_text_list
from .sources import (
    BLOCK_ID_NAMESPACE,
    BLOCK_TYPES,
    CALLOUT_KINDS,
    LIVED_REFLECTION,
    OPENING,
    TITLED_BLOCKS,
    ContentError,
)


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
    if kind in ("reflection", LIVED_REFLECTION):
        if not text:
            raise ContentError(path, line, "the reflection block has no question")
        value = {"title": title, "prompt": text}
        if kind == LIVED_REFLECTION:
            value["optional_lived_experience"] = True
        return {"type": "reflection", "value": value}
    if kind == "task":
        if not text:
            raise ContentError(path, line, "the task block has no instructions")
        return {"type": "task", "value": {"title": title, "instructions": text}}
    if kind == "video":
        if not title.startswith(("https://", "http://")) or text:
            raise ContentError(path, line, "write a video as '::: video https://…' then ':::'")
        return {"type": "video", "value": title}
    if kind == "log":
        return {"type": "log", "value": _parse_listed(text, title, path, line, "log", "columns")}
    if kind == "rating-wheel":
        value = _parse_listed(text, title, path, line, "rating wheel", "areas", extra="scale")
        value["scale"] = _whole(value, "scale", 10, (2, 10), path, line, "rating wheel")
        return {"type": "rating_wheel", "value": value}
    if kind == "sequence":
        value = _parse_listed(text, title, path, line, "sequence", "steps")
        return {"type": "sequence", "value": value}
    if kind == "ranked-list":
        return {"type": "ranked_list", "value": _parse_ranked_list(text, title, path, line)}
    if kind == "decision-steps":
        return {"type": "decision_steps", "value": _parse_steps(text, title, path, line)}
    if kind == "plan":
        data = _load(text, path, line, "plan", ("instructions",))
        return {"type": "plan", "value": {"title": title, **data}}
    return {"type": "worksheet", "value": _parse_worksheet(text, title, path, line)}


def _load(text: str, path: Path, line: int, kind: str, keys: tuple[str, ...]) -> dict:
    """A worksheet block's YAML: a mapping of only ``keys``, with ``instructions`` as
    text (``""`` when absent). Errors name the line in the file."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        at = line + 1 + mark.line if mark else line
        raise ContentError(path, at, f"the {kind} is not valid YAML") from None
    if not isinstance(data, dict) or set(data) - set(keys):
        names = ", ".join(f"'{key}'" for key in keys)
        raise ContentError(path, line, f"a {kind} holds only {names}")
    instructions = data.get("instructions") or ""
    if not isinstance(instructions, str):
        raise ContentError(path, line, f"the {kind}'s 'instructions' must be text")
    return {**data, "instructions": instructions.strip()}


def _labels(data: dict, name: str, least: int, path: Path, line: int, kind: str) -> list:
    """The list ``name``: at least ``least`` distinct labels without ``|``."""
    labels = data.get(name, [] if least == 0 else None)
    if not _is_text_list(labels) or len(labels) < least:
        raise ContentError(path, line, f"the {kind} needs '{name}': a list of labels")
    if any("|" in label for label in labels) or len(set(labels)) != len(labels):
        raise ContentError(path, line, f"the {kind}'s {name} must differ and not contain '|'")
    return list(labels)


def _whole(data: dict, name: str, default: int, bounds: tuple, path, line, kind) -> int:
    value = data.get(name, default)
    low, high = bounds
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ContentError(path, line, f"the {kind}'s '{name}' is a whole number {low}–{high}")
    return value


def _parse_listed(
    text: str, title: str, path: Path, line: int, kind: str, name: str, extra: str = ""
) -> dict:
    """A log (``columns``), a sequence (``steps``) or a wheel (``areas``, ``scale``):
    YAML with optional ``instructions`` and one list of distinct labels without ``|``."""
    keys = ("instructions", name, extra) if extra else ("instructions", name)
    data = _load(text, path, line, kind, keys)
    least = {"sequence": 2, "rating wheel": 3}.get(kind, 1)
    value = {"title": title, "instructions": data["instructions"]}
    value[name] = _labels(data, name, least, path, line, kind)
    if extra and extra in data:
        value[extra] = data[extra]
    return value


def _parse_ranked_list(text: str, title: str, path: Path, line: int) -> dict:
    """A ranked list: the given ``items`` (if any) and ``own``, how many of their own the
    learner may add (0–10); two places or more in all."""
    data = _load(text, path, line, "ranked list", ("instructions", "items", "own"))
    items = _labels(data, "items", 0, path, line, "ranked list")
    own = _whole(data, "own", 0, (0, 10), path, line, "ranked list")
    if len(items) + own < 2:
        raise ContentError(path, line, "a ranked list needs two places or more (items + own)")
    return {"title": title, "instructions": data["instructions"], "items": items, "own": own}


def _parse_steps(text: str, title: str, path: Path, line: int) -> dict:
    """Decision steps: two or more ``steps``, each a ``name`` (distinct, without ``|``)
    and a ``prompt``, answered in order."""
    data = _load(text, path, line, "decision steps", ("instructions", "steps"))
    steps = data.get("steps")
    well_formed = isinstance(steps, list) and all(
        isinstance(step, dict)
        and set(step) == {"name", "prompt"}
        and all(isinstance(step[key], str) and step[key].strip() for key in step)
        for step in steps
    )
    if not well_formed or len(steps) < 2:
        raise ContentError(
            path, line, "the decision steps need 'steps': two or more with 'name' and 'prompt'"
        )
    _labels({"names": [step["name"] for step in steps]}, "names", 2, path, line, "decision step")
    return {
        "title": title,
        "instructions": data["instructions"],
        "steps": [{"name": step["name"], "prompt": step["prompt"].strip()} for step in steps],
    }


def _parse_worksheet(text: str, title: str, path: Path, line: int) -> dict:
    data = _load(text, path, line, "worksheet", ("instructions", "rows", "columns"))
    for name in ("rows", "columns"):
        if not _is_text_list(data.get(name)) or not data[name]:
            raise ContentError(path, line, f"the worksheet needs '{name}': a list of labels")
    return {
        "title": title,
        "instructions": data["instructions"],
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
