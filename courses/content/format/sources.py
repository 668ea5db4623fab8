"""The content file format's vocabulary: its keys and block types, what a read file becomes
(``ProgrammeSource``, ``ModuleSource``), and the error that points at a file and line."""

import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROGRAMME_FILE = "programme.md"
PROGRAMME_KEYS = ("key", "title", "language", "summary", "audience", "estimated_hours", "outcomes")
MODULE_KEYS = ("key", "title", "order", "estimated_minutes", "outcomes", "prerequisites")
# Optional keys follow the required ones and are written only when they hold something.
PROGRAMME_OPTIONAL_KEYS = ("practice", "certification", "sources")
SOURCE_KEYS = ("title", "author", "year", "url")
MODULE_OPTIONAL_KEYS = ("topics", "for_role", "signoff")
# ``for_role``: the module is required of this cohort role's holders, optional for others
# (the same values as ``courses.models.ModuleRole``, which the format cannot import).
MODULE_ROLES = ("resource-person", "leader")
# ``signoff``: who signs the module off before it counts as completed (``ModulePage.signoff``).
SIGNOFFS = ("leader",)
CERTIFICATION_KEYS = (
    "issuing",
    "validity_months",
    "renewal_hours",
    "verified_education",
    "requirements",
)
# A programme with levels writes ``certification`` as a list of tracks, each naming its
# level first: its stable key and its name.
LEVEL_KEYS = ("key", "name")
REQUIREMENT_KEYS = ("kind", "key", "amount", "label", "years", "confirm", "health")
CONFIRMERS = ("supervisor", "administrator")
# The ``practice`` block: the programme's practice categories and hours requirement.
PRACTICE_KEYS = ("total_hours", "practice_hours_per_supervision_hour", "categories")
CATEGORY_KEYS = ("key", "name", "hours", "supervision", "description")
ISSUING = ("automatic", "approval")
REQUIREMENT_KINDS = {
    # kind: (needs a key, needs an amount)
    "modules": (False, False),
    "module": (True, False),
    "exam": (True, False),
    "hours": (False, True),
    "hours_category": (True, True),
    "practice_hours": (False, True),
    "supervision_hours": (False, True),
    "supervision_ratio": (False, False),
    "education": (True, True),
    "attestation": (True, False),
    "declaration": (True, False),
    "renewal_education": (True, True),
    "face_to_face_share": (False, True),
    "level": (True, False),
    "practicum": (True, True),
}
# A ``practicum`` requirement's key: the lowest role counted (the values of
# ``learners.practicum.models.Role``, which the format cannot import).
PRACTICUM_ROLES = ("observer", "co-facilitator", "lead-facilitator")
CALLOUT_KINDS = {"note": "note", "tip": "tip", "warning": "warning", "content-note": "content_note"}
# A reflection that assumes the learner's own experience, which they may skip.
LIVED_REFLECTION = "reflection-lived-experience"
TITLED_BLOCKS = {
    "reflection",
    LIVED_REFLECTION,
    "task",
    "worksheet",
    "log",
    "sequence",
    "rating-wheel",
    "ranked-list",
    "decision-steps",
    "plan",
}
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


def key_line(text: str, name: str) -> int:
    """The line on which front matter key ``name`` stands (1 if it is not there)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{name}:"):
            return number
    return 1


def tracks_of(block: Any) -> list[dict[str, Any]]:
    """A ``certification`` block's tracks: the one track of the single form, or each
    level of the list form (none without the block)."""
    if not block:
        return []
    return list(block) if isinstance(block, list) else [block]
