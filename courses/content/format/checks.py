"""The checks a programme's and a module's front matter must pass, each pointing at the
line to fix."""

from pathlib import Path
from typing import Any

from django.conf import settings

from .sources import (
    CATEGORY_KEYS,
    CERTIFICATION_KEYS,
    CONFIRMERS,
    ISSUING,
    KEY_PATTERN,
    LEVEL_KEYS,
    MODULE_ROLES,
    PRACTICE_KEYS,
    PRACTICUM_ROLES,
    REQUIREMENT_KEYS,
    REQUIREMENT_KINDS,
    SIGNOFFS,
    SOURCE_KEYS,
    ContentError,
    ModuleSource,
    key_line,
)


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
    if "practice" in front:
        _check_practice(front["practice"], text, path)
    if "sources" in front:
        _check_sources(front["sources"], text, path)


def _check_sources(sources: Any, text: str, path: Path) -> None:
    """``sources``: a list of works, each with a title and optionally an author (or
    organisation), a year and an address."""
    line = key_line(text, "sources")

    def fail(message: str):
        raise ContentError(path, line, f"'sources' {message}")

    if not isinstance(sources, list) or not sources:
        fail("must be a list of one or more sources")
    for number, source in enumerate(sources, start=1):
        if not isinstance(source, dict) or set(source) - set(SOURCE_KEYS):
            fail(f"source {number} may only have {', '.join(SOURCE_KEYS)}")
        for name in ("title", "author", "url"):
            value = source.get(name)
            if (name == "title" or value is not None) and not (
                isinstance(value, str) and value.strip()
            ):
                fail(f"source {number}: '{name}' must be text")
        year = source.get("year")
        if year is not None and not (isinstance(year, int) and 1000 <= year <= 9999):
            fail(f"source {number}: 'year' must be a year such as 2014")
        url = source.get("url")
        if url is not None and not url.startswith(("https://", "http://")):
            fail(f"source {number}: 'url' must start with https://")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def _check_certification(
    track: Any, text: str, path: Path, line: int, earlier: tuple[str, ...] | None = None
) -> None:
    """One track of the ``certification`` block: issuing, validity, renewal and
    requirement rows. In the list form (levels) ``earlier`` holds the keys of the levels
    listed before this one, which a ``level`` requirement may name (None: the single
    form). Errors point at ``line``."""

    def fail(message: str):
        raise ContentError(path, line, f"'certification' {message}")

    if not isinstance(track, dict):
        fail("must be a set of 'key: value' lines")
    unknown = (
        set(track) - set(CERTIFICATION_KEYS) - (set(LEVEL_KEYS) if earlier is not None else set())
    )
    if unknown:
        fail(f"has unknown key '{sorted(unknown)[0]}' (known: {', '.join(CERTIFICATION_KEYS)})")
    if track.get("issuing") not in ISSUING:
        fail(f"needs 'issuing': one of {', '.join(ISSUING)}")
    validity = track.get("validity_months")
    if validity is not None and not (isinstance(validity, int) and 0 < validity < 1000):
        fail("'validity_months' must be a whole number of months above 0")
    if "renewal_hours" in track and not _is_number(track["renewal_hours"]):
        fail("'renewal_hours' must be a number of hours")
    if "verified_education" in track and track["verified_education"] is not True:
        fail("write 'verified_education: true' or leave it out")
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
        if kind in ("attestation", "declaration") and "label" not in row:
            fail(
                f"requirement {number} ({kind}) needs a 'label' saying what is attested or declared"
            )
        if "confirm" in row and (kind != "declaration" or row["confirm"] not in CONFIRMERS):
            fail(
                f"requirement {number}: 'confirm' is for declarations, one of "
                f"{', '.join(CONFIRMERS)} (omit when the learner's signature is enough)"
            )
        years = row.get("years")
        if years is not None and (
            kind != "education"
            or not isinstance(years, int)
            or isinstance(years, bool)
            or not 0 < years < 100
        ):
            fail(f"requirement {number}: 'years' is a whole number of years, for education only")
        if kind == "face_to_face_share" and not 0 < row["amount"] <= 100:
            fail(f"requirement {number}: a face-to-face share is a percentage above 0, at most 100")
        if "health" in row and (kind != "declaration" or row["health"] is not True):
            fail(f"requirement {number}: write 'health: true' on a declaration, or leave it out")
        if kind == "practicum" and (
            key not in PRACTICUM_ROLES
            or not isinstance(row["amount"], int)
            or isinstance(row["amount"], bool)
            or row["amount"] < 1
        ):
            fail(
                f"requirement {number} (practicum) counts meetings: 'key' is the lowest role "
                f"counted ({', '.join(PRACTICUM_ROLES)}), 'amount' a whole number above 0"
            )
        if kind == "level" and key not in (earlier or ()):
            fail(f"requirement {number} (level) must name a level listed before this one")
        if (kind, key) in seen:
            fail(f"requirement {number} repeats {kind} {key or ''}".rstrip())
        seen.add((kind, key))


def line_after(text: str, start: int, needle: str) -> int:
    """The first line at or after ``start`` that contains ``needle`` (else ``start``)."""
    for number, line in enumerate(text.split("\n")[start - 1 :], start=start):
        if needle in line:
            return number
    return start


def _check_practice(practice: Any, text: str, path: Path) -> None:
    """The ``practice`` block: an optional total and supervision ratio, and the practice
    categories learners log hours in (unique keys, names, optional minimum hours, and
    whether the category is supervision received)."""
    start = key_line(text, "practice")

    def fail(message: str, line: int = start):
        raise ContentError(path, line, f"'practice' {message}")

    if not isinstance(practice, dict):
        fail("must be a set of 'key: value' lines")
    unknown = set(practice) - set(PRACTICE_KEYS)
    if unknown:
        name = sorted(unknown)[0]
        fail(
            f"has unknown key '{name}' (known: {', '.join(PRACTICE_KEYS)})",
            line_after(text, start, f"{name}:"),
        )
    if "total_hours" in practice and not (
        _is_number(practice["total_hours"]) and practice["total_hours"] > 0
    ):
        fail(
            "'total_hours' must be a number of hours above 0",
            line_after(text, start, "total_hours:"),
        )
    ratio = practice.get("practice_hours_per_supervision_hour")
    if ratio is not None and not (
        isinstance(ratio, int) and not isinstance(ratio, bool) and 0 < ratio < 1000
    ):
        fail(
            "'practice_hours_per_supervision_hour' must be a whole number above 0",
            line_after(text, start, "practice_hours_per_supervision_hour:"),
        )
    categories = practice.get("categories")
    if not isinstance(categories, list) or not categories:
        fail("needs 'categories': a list of one or more practice categories")
    seen: set[str] = set()
    line = start
    for number, row in enumerate(categories, start=1):
        key = row.get("key") if isinstance(row, dict) else None
        line = line_after(text, line + 1, f"- key: {key}") if isinstance(key, str) else line
        if not isinstance(row, dict) or set(row) - set(CATEGORY_KEYS):
            fail(f"category {number} may only have {', '.join(CATEGORY_KEYS)}", line)
        if not (isinstance(key, str) and KEY_PATTERN.match(key) and len(key) <= 64):
            fail(f"category {number} needs a 'key' (lowercase-with-dashes)", line)
        if key in seen:
            fail(f"category {number} repeats the key '{key}'", line)
        seen.add(key)
        name = row.get("name")
        if not (isinstance(name, str) and 0 < len(name.strip()) <= 200):
            fail(f"category '{key}' needs a 'name' of at most 200 characters", line)
        if "hours" in row and not (_is_number(row["hours"]) and row["hours"] > 0):
            fail(f"category '{key}': 'hours' must be a number above 0 (omit for no minimum)", line)
        if "supervision" in row and row["supervision"] is not True:
            fail(f"category '{key}': write 'supervision: true' or leave it out", line)
        if "description" in row and not (
            isinstance(row["description"], str) and row["description"].strip()
        ):
            fail(f"category '{key}': 'description' must be text", line)
    if ratio and not any(row.get("supervision") for row in categories):
        fail("has a supervision ratio but no category with 'supervision: true'")


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
    if "for_role" in front:
        _require(
            front["for_role"] in MODULE_ROLES,
            path, text, "for_role", f"must be one of: {', '.join(MODULE_ROLES)}",
        )  # fmt: skip
    if "signoff" in front:
        _require(
            front["signoff"] in SIGNOFFS,
            path, text, "signoff", f"must be one of: {', '.join(SIGNOFFS)}",
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
