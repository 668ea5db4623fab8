"""The content file format: YAML front matter, Markdown, and ``:::`` blocks.

Parsing and rendering are exact inverses on canonical files: ``render(parse(text)) ==
text``. The loader compares rendered text to decide whether a page changed, and the
exporter writes the same text, so export after load reproduces the files. The format is
documented in content/README.md.
"""

from .body import parse_body, with_stable_ids
from .reading import read_module, read_programme, split_front_matter
from .sources import (
    KEY_PATTERN,
    MODULE_FILENAME,
    PROGRAMME_FILE,
    ContentError,
    ModuleSource,
    ProgrammeSource,
    key_line,
    tracks_of,
)
from .writing import (
    canonical_certification,
    canonical_practice,
    canonical_sources,
    module_filename,
    plain,
    render_blocks,
    render_module,
    render_programme,
)

__all__ = [
    "KEY_PATTERN",
    "MODULE_FILENAME",
    "PROGRAMME_FILE",
    "ContentError",
    "ModuleSource",
    "ProgrammeSource",
    "canonical_certification",
    "canonical_practice",
    "canonical_sources",
    "key_line",
    "module_filename",
    "parse_body",
    "plain",
    "read_module",
    "read_programme",
    "render_blocks",
    "render_module",
    "render_programme",
    "split_front_matter",
    "tracks_of",
    "with_stable_ids",
]
