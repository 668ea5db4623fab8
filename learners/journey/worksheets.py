"""The journal's worksheets: which blocks are worksheets, which cells each may hold (and
in what form), and what a filled one shows: a log's or plan's rows, a wheel, a ranked
list's places, the answers in the order the worksheet asks for them."""

import math
from datetime import date, datetime

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.templatetags.praksis import cell_label
from courses.blocks import WORKSHEET_BLOCKS

# Blocks the learner answers in their journal on the module page.
PROMPT_TYPES = ("reflection", *WORKSHEET_BLOCKS)
MAX_LOG_ROWS = 200
# A plan's columns: the cell key is ``n|field``; a due date is stored as ISO 8601.
PLAN_FIELDS = {
    "action": gettext_lazy("Action"),
    "owner": gettext_lazy("Owner"),
    "due": gettext_lazy("Due date"),
    "status": gettext_lazy("Status"),
}
PLAN_STATUSES = {
    "planned": gettext_lazy("Not started"),
    "started": gettext_lazy("Under way"),
    "done": gettext_lazy("Done"),
}


class JournalError(Exception):
    """Raised with a sentence a person can read; nothing was saved."""


def _columns(block) -> dict:
    """The columns of a numbered-row worksheet (a log or a plan): key → label."""
    if block.block_type == "plan":
        return PLAN_FIELDS
    return {column: column for column in block.value["columns"]}


def log_rows(block, entry) -> list[dict]:
    """The rows a log or plan shows: every numbered row the learner has filled, then one
    empty row to write the next one in. Each cell is ``{"key", "field", "label",
    "text"}``; a plan's due date is given as ISO 8601, the value of a date input."""
    return _rows(block, entry.cells if entry else {})


def _rows(block, cells: dict) -> list[dict]:
    filled = sorted({int(key.split("|", 1)[0]) for key in cells})
    numbers = [*filled, (filled[-1] if filled else 0) + 1]
    return [
        {
            "number": number,
            "cells": [
                {
                    "key": f"{number}|{field}",
                    "field": field,
                    "label": label,
                    "text": cells.get(f"{number}|{field}", ""),
                }
                for field, label in _columns(block).items()
            ],
        }
        for number in numbers[:MAX_LOG_ROWS]
    ]


def parse_due(text: str) -> date | None:
    """A due date as the date input sends it (ISO 8601) or as people write dates in the
    active language (``31.12.2026`` in nb, da and de); None if it is not a date."""
    for pattern in ("%Y-%m-%d", *formats.get_format("DATE_INPUT_FORMATS")):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def _clean_plan(cells: dict[str, str]) -> dict[str, str]:
    """A plan's due dates must be dates (stored as ISO 8601) and its statuses known."""
    clean = {}
    for key, value in cells.items():
        number, field = key.split("|", 1)
        if field == "due":
            due = parse_due(value)
            if due is None:
                example = formats.date_format(date(2026, 12, 31), "SHORT_DATE_FORMAT")
                raise JournalError(
                    _("Write the due date in row %(row)s as a date, for example %(example)s.")
                    % {"row": number, "example": example}
                )
            value = due.isoformat()
        elif field == "status":
            value = value.strip()
            if value not in PLAN_STATUSES:
                raise JournalError(_("Choose a status from the list."))
        clean[key] = value
    return clean


def _clean_ratings(block, cells: dict[str, str]) -> dict[str, str]:
    """A rating wheel's cells are each a whole number from 0 to the scale."""
    scale = block.value["scale"]
    cells = {area: value.strip() for area, value in cells.items()}
    for area, value in cells.items():
        if not value.isdigit() or not 0 <= int(value) <= scale:
            raise JournalError(
                _("Rate %(area)s with a whole number from 0 to %(scale)d.")
                % {"area": area, "scale": scale}
            )
    return {area: str(int(value)) for area, value in cells.items()}


def _clean_steps(block, cells: dict[str, str]) -> dict[str, str]:
    """Decision steps are answered in order: no step may be answered while one before
    it is still empty."""
    names = [step["name"] for step in block.value["steps"]]
    for index, name in enumerate(names):
        if name not in cells and any(later in cells for later in names[index + 1 :]):
            raise JournalError(
                _("Answer the step “%(step)s” before the steps after it.") % {"step": name}
            )
    return cells


def ranked_size(block) -> int:
    return len(block.value["items"]) + block.value["own"]


def parse_move(move: str, size: int) -> tuple[int, int] | None:
    """``"3:up"`` → ``(3, 2)``: the place an item leaves and the one it goes to; None
    when the move would leave the list."""
    place, _sep, direction = move.partition(":")
    if not (place.isascii() and place.isdigit()) or direction not in ("up", "down"):
        raise JournalError(_("The list cannot be moved that way."))
    target = int(place) + (-1 if direction == "up" else 1)
    return (int(place), target) if 1 <= int(place) <= size and 1 <= target <= size else None


def _clean_ranking(block, cells: dict[str, str], move: str) -> dict[str, str]:
    """A ranked list's cells are its places ``"1"`` … ``"n"``, each holding a given item
    or the learner's own. Every given item stays in the list exactly once; a move swaps an
    item with its neighbour."""
    size, items = ranked_size(block), block.value["items"]
    texts = [cells.get(str(place), "") for place in range(1, size + 1)]
    if sorted(text for text in texts if text in items) != sorted(items):
        raise JournalError(_("Keep each listed item once; write your own in the empty places."))
    places = parse_move(move, size) if move else None
    if places:
        leaving, target = places[0] - 1, places[1] - 1
        texts[leaving], texts[target] = texts[target], texts[leaving]
    return {str(place): text for place, text in enumerate(texts, start=1) if text}


def _allowed(block) -> set[str]:
    kind, value = block.block_type, block.value
    if kind in ("log", "plan"):
        numbers = range(1, MAX_LOG_ROWS + 1)
        return {f"{number}|{field}" for number in numbers for field in _columns(block)}
    if kind == "worksheet":
        return {f"{row}|{column}" for row in value["rows"] for column in value["columns"]}
    if kind == "ranked_list":
        return {str(place) for place in range(1, ranked_size(block) + 1)}
    if kind == "decision_steps":
        return {step["name"] for step in value["steps"]}
    return set(value["steps"] if kind == "sequence" else value["areas"])


def clean_cells(block, cells: dict[str, str], *, move: str = "") -> dict[str, str]:
    """The cells of worksheet ``block`` as they are saved: only the block's own cells
    (a grid's ``row|column``, a log's or plan's ``n|column`` with rows numbered from 1 to
    ``MAX_LOG_ROWS``, a sequence's steps, a wheel's areas, a ranked list's places), empty
    ones dropped, each type's own rule applied. Raises JournalError, saving nothing."""
    if set(cells) - _allowed(block):
        raise JournalError(_("The worksheet has no such cell."))
    if move and block.block_type != "ranked_list":
        raise JournalError(_("The list cannot be moved that way."))
    cells = {key: value for key, value in cells.items() if value.strip()}
    kind = block.block_type
    if kind == "rating_wheel":
        return _clean_ratings(block, cells)
    if kind == "plan":
        return _clean_plan(cells)
    if kind == "decision_steps":
        return _clean_steps(block, cells)
    if kind == "ranked_list":
        return _clean_ranking(block, cells, move)
    return cells


def move_announcement(block, cells: dict, place: int) -> str:
    """What the page's live region says after a move: the item and its new place."""
    text = cells.get(str(place)) or _("An empty place")
    return _("“%(item)s” is now number %(place)d of %(total)d.") % {
        "item": text,
        "place": place,
        "total": ranked_size(block),
    }


def ranked_places(block, entry, moved: int = 0, direction: str = "") -> list[dict]:
    """A ranked list's places in order: the learner's order once saved, the given items
    first before that. Each is ``{"place", "text", "given", "focus", "announcement"}``;
    the item just moved to place ``moved`` (in ``direction``, up or down) gets the focus,
    on the button it was moved with or, at either end, the other one, and the sentence
    the live region says."""
    items, size = block.value["items"], ranked_size(block)
    cells = entry.cells if entry else {}
    texts = [cells.get(str(place), "") for place in range(1, size + 1)]
    missing = [item for item in items if item not in texts]
    texts = [text or (missing.pop(0) if missing else "") for text in texts]
    return [
        {
            "place": place,
            "text": text,
            "given": text in items,
            "focus": _focus(place, size, direction) if place == moved else "",
            "announcement": move_announcement(block, cells, place) if place == moved else "",
        }
        for place, text in enumerate(texts, start=1)
    ]


def _focus(place: int, size: int, direction: str) -> str:
    if direction == "down":
        return "down" if place < size else "up"
    return "up" if place > 1 else "down"


def answer_lines(block, cells: dict[str, str]) -> list[tuple[str, str]]:
    """A filled worksheet as (label, text) lines for the journal and its exports, in the
    order the worksheet asks: a plan's dates and statuses as people read them, a ranked
    list by place, decision steps in order. A block no longer in the module shows its
    cells as stored."""
    kind = block.block_type if block is not None else ""
    if kind == "ranked_list":
        places = sorted(cells, key=int)
        return [(f"{place}.", cells[place]) for place in places]
    if kind == "decision_steps":
        names = [step["name"] for step in block.value["steps"]]
        return [(name, cells[name]) for name in names if name in cells]
    if kind == "plan":
        lines = []
        for row in _rows(block, cells)[:-1]:
            for cell in row["cells"]:
                if cell["text"]:
                    lines.append((f"{row['number']} – {cell['label']}", _shown(cell)))
        return lines
    return [(cell_label(key), text) for key, text in cells.items()]


def _shown(cell: dict) -> str:
    if cell["field"] == "due":
        due = parse_due(cell["text"])
        return formats.date_format(due, "SHORT_DATE_FORMAT") if due else cell["text"]
    if cell["field"] == "status":
        return str(PLAN_STATUSES.get(cell["text"], cell["text"]))
    return cell["text"]


def wheel(block, entry) -> dict:
    """A rating wheel drawn from the learner's ratings: one wedge per area, as long as its
    rating, on rings for each step of the scale (an SVG in a 200 × 200 box). The table of
    number inputs is the non-visual form of the same data."""
    areas, scale = list(block.value["areas"]), block.value["scale"]
    cells = entry.cells if entry else {}
    centre, radius = 100.0, 90.0
    step = 2 * math.pi / len(areas)
    wedges, spokes = [], []
    for index, area in enumerate(areas):
        start, end = index * step - math.pi / 2, (index + 1) * step - math.pi / 2
        spokes.append(_point(centre, radius, start))
        rating = int(cells.get(area, 0) or 0)
        if rating:
            length = radius * rating / scale
            x0, y0 = _point(centre, length, start)
            x1, y1 = _point(centre, length, end)
            large = 1 if step > math.pi else 0
            wedges.append(
                f"M {centre:.1f} {centre:.1f} L {x0} {y0} "
                f"A {length:.1f} {length:.1f} 0 {large} 1 {x1} {y1} Z"
            )
    rings = [round(radius * n / scale, 1) for n in range(1, scale + 1)]
    return {"wedges": wedges, "spokes": spokes, "rings": rings, "centre": centre}


def _point(centre: float, length: float, angle: float) -> tuple[float, float]:
    return (
        round(centre + length * math.cos(angle), 1),
        round(centre + length * math.sin(angle), 1),
    )
