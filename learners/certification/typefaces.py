"""The certificate's typefaces: Source Serif 4 for the headings, the name and the
programme, Source Sans 3 for the text — Adobe's pairing, both under the SIL Open Font
License 1.1 (the LICENSE file in each package). `make setup` installs them from
package-lock.json (@fontsource/source-serif-4, @fontsource/source-sans-3) into
node_modules/; WeasyPrint reads their WOFF2 files through ``file://`` URLs that the
certificate's URL fetcher allows for these folders only, and embeds the subsets it uses.

Without node_modules the certificate still renders, in DejaVu (a warning says so)."""

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

PACKAGES = Path(settings.BASE_DIR) / "node_modules" / "@fontsource"
# Latin covers English and the Nordic and German letters; Latin Extended the rest of the
# names a European learner may have (ł, ő, ş, ...).
SUBSETS = ("latin", "latin-ext")


@dataclass(frozen=True)
class Typeface:
    family: str
    package: str
    weights: tuple[int, ...]
    fallback: str

    @property
    def folder(self) -> Path:
        return PACKAGES / self.package / "files"

    @property
    def stack(self) -> str:
        """The CSS ``font-family`` value: this typeface, then its fallback."""
        return f'"{self.family}", {self.fallback}'


SERIF = Typeface("Source Serif 4", "source-serif-4", (400, 600), '"DejaVu Serif", serif')
SANS = Typeface("Source Sans 3", "source-sans-3", (400, 600), '"DejaVu Sans", sans-serif')
TYPEFACES = (SERIF, SANS)


def is_font_file(path: Path) -> bool:
    """A resolved path the certificate may read: a WOFF2 file in one of the typefaces'
    folders (so ``..`` and links out of them read nothing)."""
    return path.suffix == ".woff2" and any(
        path.is_relative_to(face.folder.resolve()) and path.is_file() for face in TYPEFACES
    )


def font_face_css() -> str:
    """``@font-face`` rules for each typeface's weights in the Latin subsets, with the
    package's own unicode ranges; empty (and a warning) where the packages are missing,
    so the fallback typefaces are used."""
    rules = []
    for face in TYPEFACES:
        ranges_file = PACKAGES / face.package / "unicode.json"
        if not ranges_file.is_file():
            logger.warning(
                "Certificate typeface %s is not installed (run `make setup`): using %s",
                face.family,
                face.fallback,
            )
            continue
        ranges = json.loads(ranges_file.read_text())
        for subset in SUBSETS:
            for weight in face.weights:
                path = face.folder / f"{face.package}-{subset}-{weight}-normal.woff2"
                rules.append(
                    f'@font-face {{ font-family: "{face.family}"; font-style: normal; '
                    f"font-weight: {weight}; src: url({path.resolve().as_uri()}) "
                    f'format("woff2"); unicode-range: {ranges[subset]}; }}'
                )
    return "\n".join(rules)
