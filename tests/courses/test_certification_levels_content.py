"""The ``certification`` block's list form: a programme's levels, each with a key and a
name, loaded as one track each, checked with file and line, exported back unchanged."""

import pytest

from courses.content.exporter import export_content
from courses.content.loader import load_content
from courses.models import CertificationTrack, ProgrammePage

LEVEL_II = "- key: aadc"


def test_the_list_form_loads_one_track_per_level_in_order(db):
    counsellor = ProgrammePage.objects.get(content_key="rusradgiver")
    tracks = list(CertificationTrack.objects.filter(programme=counsellor))
    assert [(t.key, t.sort_order) for t in tracks] == [("adc", 0), ("aadc", 1)]
    assert tracks[1].name.startswith("Nivå II")
    # Programmes with one track keep the single form: one unnamed track.
    peer = CertificationTrack.objects.get(programme__content_key="peer-spezialist")
    assert (peer.key, peer.name) == ("", "")


def test_a_level_requirement_loads_and_exports_back_byte_exact(db, content_copy, tmp_path):
    path = content_copy / "rusradgiver" / "programme.md"
    text = path.read_text()
    text = text.replace(
        "  requirements:\n  - kind: modules\n  - kind: exam\n    key: rusradgiver-prove\n"
        "  - kind: supervision_hours\n    amount: 100\n",
        "  requirements:\n  - kind: level\n    key: adc\n  - kind: modules\n  - kind: exam\n"
        "    key: rusradgiver-prove\n  - kind: supervision_hours\n    amount: 100\n",
    )
    assert "kind: level" in text
    path.write_text(text)

    report = load_content(content_copy)

    assert report.errors == []
    two = CertificationTrack.objects.get(key="aadc")
    assert two.requirements.filter(kind="level", key="adc").exists()
    out = tmp_path / "out"
    export_content(out)
    assert (out / "rusradgiver" / "programme.md").read_text() == text


BROKEN = [
    # (name, old text, new text, line of the new text, words in the message)
    ("level without a name",
     "- key: aadc\n  name: 'Nivå II: avansert rus- og alkoholrådgiver (etter IC&RC AADC)'\n",
     "- key: aadc\n", LEVEL_II, "needs a 'name'"),
    ("repeated level", "- key: aadc\n", "- key: adc\n", "- key: adc", "repeats the level"),
    ("level key with capitals", "- key: aadc\n", "- key: AADC\n", "- key: AADC", "needs a 'key'"),
    ("requires a later level",
     "    label: rusfaglig etterutdanning\n",
     "    label: rusfaglig etterutdanning\n  - kind: level\n    key: aadc\n",
     "- key: adc", "level listed before"),
    ("level in the second track's rows",
     "  - kind: supervision_hours\n    amount: 100\n",
     "  - kind: supervision_hours\n    amount: 100\n  - kind: hours_category\n    key: ukjent\n"
     "    amount: 5\n", "key: ukjent", "does not declare"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "old", "new", "needle", "words"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_a_broken_level_names_file_and_line_and_writes_nothing(
    db, content_copy, name, old, new, needle, words
):
    path = content_copy / "rusradgiver" / "programme.md"
    text = path.read_text()
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text)

    report = load_content(content_copy)

    [error] = report.errors
    assert error.path == path and words in error.message, error.message
    expected = [n for n, line in enumerate(text.split("\n"), 1) if needle in line][-1]
    assert error.line == expected
    assert CertificationTrack.objects.filter(key__in=["adc", "aadc"]).count() == 2
