#!/usr/bin/env python3
"""Copy the README's screenshots from the browser tests' output (build/screenshots/readme/,
written by tests/browser/test_roles.py and test_role_journeys.py) to docs/screenshots/,
reduced to 256 colours so the repository stays small. Run by `make screenshots`."""

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "build" / "screenshots" / "readme"
TARGET = ROOT / "docs" / "screenshots"
PAGES = (
    "home", "programme", "module", "dashboard", "cohort-report",
    "supervisor-home", "lead-home", "admin-home",
)  # fmt: skip
WIDTHS = (1280, 375)


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    missing = []
    for page in PAGES:
        for width in WIDTHS:
            source = SOURCE / f"{page}-{width}.png"
            if not source.exists():
                missing.append(source.name)
                continue
            with Image.open(source) as image:
                reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
                reduced.save(TARGET / source.name, optimize=True)
    if missing:
        sys.stderr.write(f"not found in {SOURCE}: {', '.join(missing)}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
