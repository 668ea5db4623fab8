"""Practice categories and supervision rules live in programme.md's ``practice`` block:
the loader checks them (file and line), writes them, and the exporter writes them back."""

import pytest

from courses.content.loader import load_content
from courses.models import CertificationTrack, ProgrammePage, TrackRequirement
from learners.models import HoursRequirement, PracticeCategory
from tests.factories import UserFactory
from tests.factories.records import ApprovedHoursFactory


def test_every_programme_whose_track_counts_hours_ships_its_categories(db):
    for track in CertificationTrack.objects.all():
        rows = list(track.requirements.all())
        if not any(row.kind in TrackRequirement.PRACTICE for row in rows):
            continue
        keys = set(
            PracticeCategory.objects.filter(programme=track.programme, active=True).values_list(
                "slug", flat=True
            )
        )
        assert keys, track.programme
        for row in rows:
            if row.kind == TrackRequirement.Kind.HOURS_CATEGORY:
                assert row.key in keys


def test_the_counsellor_programme_counts_the_twelve_core_functions_and_supervision(db):
    programme = ProgrammePage.objects.get(content_key="rusradgiver")
    categories = PracticeCategory.objects.filter(programme=programme, active=True)
    practice = categories.filter(is_supervision=False)
    assert practice.count() == 12
    assert {category.required_hours for category in practice} == {10}
    assert categories.get(is_supervision=True).slug == "mottatt-veiledning"
    requirement = HoursRequirement.objects.get(programme=programme)
    assert requirement.practice_hours_per_supervision_hour == 10


def test_the_peer_programme_has_categories_to_log_hours_in(db):
    programme = ProgrammePage.objects.get(content_key="peer-spezialist")
    assert PracticeCategory.objects.filter(programme=programme, active=True).count() == 5


BROKEN = [
    # (name, old text, new text, line of the new text, words in the message)
    ("repeated key", "  - key: inntak\n", "  - key: screening\n", "- key: screening", "repeats"),
    ("unknown key", "  total_hours: 330\n", "  total: 330\n", "total: 330", "unknown key"),
    ("supervision false", "    supervision: true\n", "    supervision: false\n", "- key: mottatt",
     "supervision: true"),
    ("negative hours", "    name: Inntak\n    hours: 10\n", "    name: Inntak\n    hours: -1\n",
     "- key: inntak", "above 0"),
    ("undeclared category", "    key: konsultasjon\n    amount: 10\n",
     "    key: konsultasjonen\n    amount: 10\n", "key: konsultasjonen", "does not declare"),
    ("ratio without rate", "  practice_hours_per_supervision_hour: 10\n", "",
     "kind: supervision_ratio", "practice_hours_per_supervision_hour"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "old", "new", "needle", "words"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_a_broken_practice_block_names_file_and_line_and_writes_nothing(
    db, content_copy, name, old, new, needle, words
):
    path = content_copy / "rusradgiver" / "programme.md"
    text = path.read_text()
    assert old in text
    text = text.replace(old, new, 1).replace("    name: Screening\n", "    name: Siling\n", 1)
    path.write_text(text)

    report = load_content(content_copy)

    [error] = report.errors
    assert error.path == path and words in error.message
    expected = [n for n, line in enumerate(text.split("\n"), 1) if needle in line][-1]
    assert error.line == expected
    assert PracticeCategory.objects.get(slug="screening").name == "Screening"


def test_a_category_the_file_drops_is_retired_and_keeps_its_hours(db, content_copy):
    category = PracticeCategory.objects.get(slug="henvisning")
    ApprovedHoursFactory(learner=UserFactory(), category=category, hours=2)
    path = content_copy / "rusradgiver" / "programme.md"
    text = path.read_text()
    text = text.replace("  - key: henvisning\n    name: Henvisning\n    hours: 10\n", "", 1)
    text = text.replace("  - kind: hours_category\n    key: henvisning\n    amount: 10\n", "", 1)
    path.write_text(text)

    report = load_content(content_copy)

    assert report.errors == []
    assert "rusradgiver/programme.md" in report.updated
    category.refresh_from_db()
    assert not category.active and category.entries.count() == 1
    name = PracticeCategory.objects.get(slug="screening")
    assert name.active and name.sort_order == 0
