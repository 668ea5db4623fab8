"""Every number in a programme's ``practice`` and ``certification`` blocks is named in
content/README.md's section for that programme, where its source is given (issue 14:
"content/README.md names the source of every number")."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from courses.content.format import read_programme, tracks_of

CONTENT = Path(settings.BASE_DIR) / "content"
README = (CONTENT / "README.md").read_text(encoding="utf-8")
SOURCES = README[README.index("## Where the tracks' numbers come from") :]


def numbers(front: dict) -> set[Decimal]:
    practice = front.get("practice") or {}
    found = {practice.get("total_hours"), practice.get("practice_hours_per_supervision_hour")}
    found |= {row.get("hours") for row in practice.get("categories", [])}
    for track in tracks_of(front.get("certification")):
        found |= {track.get("validity_months"), track.get("renewal_hours")}
        found |= {row.get("amount") for row in track["requirements"]}
        found |= {row.get("years") for row in track["requirements"]}
    return {Decimal(str(n)) for n in found if n}


def section(folder: str) -> str:
    """The README's section on the programme: from its heading to the next programme's."""
    start = SOURCES.index(f"(`{folder}`)")
    following = SOURCES.find("\n### ", start)
    return SOURCES[start : following if following > 0 else None]


def written(value: Decimal) -> list[str]:
    whole = int(value)
    if value != whole:
        return [str(value.normalize())]
    return [str(whole), f"{whole:,}"]


TRACKED = [
    folder.name
    for folder in sorted(CONTENT.iterdir())
    if folder.is_dir() and "certification" in read_programme(folder).front
]


def test_the_programmes_with_tracks_are_found():
    assert {"rusradgiver", "peer-spezialist"} <= set(TRACKED)


@pytest.mark.parametrize("folder", TRACKED)
def test_content_readme_names_every_number_of_the_track(folder):
    text = section(folder)
    front = read_programme(CONTENT / folder).front
    missing = [
        value
        for value in sorted(numbers(front))
        if not any(
            re.search(rf"(?<![\d,.]){re.escape(w)}(?![\d,]|\.\d)", text) for w in written(value)
        )
    ]
    assert missing == [], f"{folder}: content/README.md does not name {missing}"
