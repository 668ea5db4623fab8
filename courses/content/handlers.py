"""The registry of content handlers: each app that keeps something in content/ registers
one (courses its programme and module pages, assessments its exams) in its
``AppConfig.ready()``, and ``load_content``/``export_content`` ask every handler in
registration order, so the loader imports none of them.

A handler reads and checks its files in a programme folder before anything is written
(``read``), writes what it read (``apply``, inside the programme's transaction), writes
its files back (``export``), and says whether a key names something it made
(``defines``; a certification track may require an exam by its key).
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .format import ContentError, ProgrammeSource


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    # The translations loaded, as ``<slug>/<ll>``.
    translations: list[str] = field(default_factory=list)

    def extend(self, other: "LoadReport") -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.translations += other.translations


class ContentHandler(Protocol):
    def read(self, folder: Path, source: ProgrammeSource) -> Any:
        """Read and check this handler's files in ``folder``; raise ``ContentError`` at
        the first problem. Writes nothing."""

    def apply(self, data: Any, source: ProgrammeSource) -> LoadReport:
        """Write what ``read`` returned (created, updated or left alone)."""

    def export(self, programme, folder: Path) -> list[Path]:
        """Write this handler's files for a published programme into ``folder``."""

    def defines(self, kind: str, key: str) -> bool:
        """Whether a track requirement of ``kind`` (e.g. "exam") may name ``key``."""

    # Optional: ``front_matter(programme) -> dict`` gives the sections of programme.md's
    # front matter this handler keeps (e.g. ``practice``), for the exporter to write.
    # Optional, for translations (``<slug>/<ll>/``): ``read_translation(folder, source,
    # data)`` reads and checks this handler's translated files against what ``read`` gave
    # for the source folder; ``apply_translation(data, translation) -> LoadReport`` writes
    # them; ``export`` is called with the translated programme page and its folder.


_handlers: list[ContentHandler] = []


def register(handler: ContentHandler) -> ContentHandler:
    """Add a handler (once; registering the same handler again changes nothing)."""
    if handler not in _handlers:
        _handlers.append(handler)
    return handler


def handlers() -> list[ContentHandler]:
    """Every registered handler, in registration order (INSTALLED_APPS order)."""
    return list(_handlers)


def front_sections(programme) -> dict[str, Any]:
    """The programme.md front matter sections that handlers other than the page handler
    keep (their ``front_matter(programme)``), merged."""
    sections: dict[str, Any] = {}
    for handler in _handlers:
        front_matter = getattr(handler, "front_matter", None)
        if front_matter is not None:
            sections.update(front_matter(programme))
    return sections


def defined(kind: str, key: str) -> bool:
    """Whether any handler made something of ``kind`` with this key."""
    return any(handler.defines(kind, key) for handler in _handlers)
