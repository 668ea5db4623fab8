"""The shipped programmes are real teaching material, not placeholders."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from assessments.content import read_exam
from courses.content.format import read_programme

CONTENT = Path(settings.BASE_DIR) / "content"
PROGRAMMES = {
    "avholdt": ("nb", 7),
    "rusradgiver": ("nb", 6),
    "peer-spezialist": ("de", 6),
    "smart-facilitator": ("da", 6),
    "rusmiddelprotokol": ("da", 7),
}


@pytest.mark.parametrize(("folder", "expected"), PROGRAMMES.items())
def test_each_programme_has_its_language_and_modules(folder, expected):
    language, module_count = expected
    programme = read_programme(CONTENT / folder)
    assert programme.front["language"] == language
    assert len(programme.modules) == module_count


@pytest.mark.parametrize("folder", PROGRAMMES)
def test_every_module_teaches_and_asks_for_reflection_and_practice(folder):
    for module in read_programme(CONTENT / folder).modules:
        kinds = [block["type"] for block in module.blocks]
        words = sum(len(str(block["value"]).split()) for block in module.blocks)
        assert words >= 400, f"{module.path.name} has only {words} words"
        assert "reflection" in kinds, module.path.name
        assert "task" in kinds, module.path.name


# --- content notes, sources and terms --------------------------------------------------

CONTENT_NOTES = {
    "avholdt": (3, 6),
    "rusradgiver": (4, 6),
    "peer-spezialist": (3, 4),
    "rusmiddelprotokol": (4,),
}
PHONE = re.compile(r"\b\d{2,4}(?: \d{1,4}){1,3}\b|\b11[23]\b")


@pytest.mark.parametrize("folder", CONTENT_NOTES)
def test_distressing_modules_open_with_a_content_note_that_names_support(folder):
    modules = read_programme(CONTENT / folder).modules
    for number in CONTENT_NOTES[folder]:
        first = modules[number - 1].blocks[0]
        assert first["type"] == "callout", modules[number - 1].path.name
        assert first["value"]["kind"] == "content_note", modules[number - 1].path.name
        assert PHONE.search(first["value"]["body"]), f"{folder} {number}: no helpline"


SOURCES_HEADING = {"nb": "## Kilder", "da": "## Kilder", "de": "## Quellen"}


@pytest.mark.parametrize("folder", PROGRAMMES)
def test_every_programme_credits_its_sources(folder):
    programme = read_programme(CONTENT / folder)
    heading = SOURCES_HEADING[programme.front["language"]]
    assert heading in programme.intro, folder
    sources = programme.intro.split(heading, 1)[1]
    assert len(sources.split()) >= 30, folder


# Terms the sources or the language do not use (regular expressions): RVTS Sør is a
# resource centre, SAMHSA spells the four Rs the US way, Danish quotes are »…« (not "…" or
# the Norwegian «…»), the learner's log is not the clinical "journal", and so on.
WRONG_TERMS = {
    "avholdt": [r"[Tt]raumesenter", r"Medfølelsestretthet", r"Realise|Recognise|traumatisation"],
    "smart-facilitator": [r"[Kk]ost[–-]nytte", r"logbog", r'"', r"«\w"],
    "rusmiddelprotokol": [r'"', r"«\w", r"i din journal"],
    "rusradgiver": [r"journalen din"],
    "peer-spezialist": [r"liegt hier in der Vielfalt", r"Lernjournal"],
}


@pytest.mark.parametrize("folder", WRONG_TERMS)
def test_corrected_terms_stay_corrected(folder):
    for path in sorted((CONTENT / folder).glob("*.md")) + sorted((CONTENT / folder).glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[-1] if path.suffix == ".md" else text
        for term in WRONG_TERMS[folder]:
            assert not re.search(term, body), f"{path.name} matches {term!r}"


# --- exams -------------------------------------------------------------------------------

EXAMS = {path.parent.name: path for path in sorted(CONTENT.glob("*/exam-*.yaml"))}
SUPERVISED = {"rusradgiver", "peer-spezialist"}


def exam_questions(folder: str) -> list[dict]:
    data = read_exam(EXAMS[folder]).data
    return data["questions"] + data["pool"]


def test_every_programme_ships_one_exam():
    assert set(EXAMS) == set(PROGRAMMES)


@pytest.mark.parametrize("folder", PROGRAMMES)
def test_the_exam_bank_covers_every_module_and_draws_from_each_at_random(folder):
    data = read_exam(EXAMS[folder]).data
    questions = exam_questions(folder)
    assert len(questions) >= 30
    assert data["shuffle_questions"] and data["shuffle_choices"]
    rules = {rule["tag"]: rule["count"] for rule in data["random"]}
    for module in read_programme(CONTENT / folder).modules:
        if module.front.get("for_role") == "leader":
            continue  # for the cohort's leaders only: not in the exam everyone takes
        tagged = [q for q in data["pool"] if module.key in q["tags"]]
        assert len([q for q in questions if module.key in q["tags"]]) >= 3, module.key
        assert rules.get(module.key, 0) >= 1 and len(tagged) > rules[module.key], module.key
    assert 12 <= len(data["questions"]) + sum(rules.values()) <= 16


def correct_position(question: dict) -> tuple[bool, bool]:
    """Whether the correct choice is the longest, and whether it is the shortest."""
    lengths = [len(choice["text"]) for choice in question["choices"]]
    right = next(len(c["text"]) for c in question["choices"] if c["correct"])
    return right == max(lengths), right == min(lengths)


@pytest.mark.parametrize("folder", PROGRAMMES)
def test_the_key_cannot_be_guessed_from_the_length_of_the_choices(folder):
    singles = [q for q in exam_questions(folder) if q["type"] == "single"]
    assert all(len(q["choices"]) == 4 for q in singles)
    longest = sum(correct_position(q)[0] for q in singles)
    shortest = sum(correct_position(q)[1] for q in singles)
    assert longest / len(singles) <= 0.35, f"correct is longest in {longest} of {len(singles)}"
    assert shortest / len(singles) <= 0.35, f"correct is shortest in {shortest} of {len(singles)}"


def test_the_length_measure_counts_ties_as_longest():
    tie = {"choices": [{"text": "abc", "correct": True}, {"text": "xyz", "correct": False}]}
    shorter = {"choices": [{"text": "ab", "correct": True}, {"text": "xyz", "correct": False}]}
    assert correct_position(tie) == (True, True)
    assert correct_position(shorter) == (False, True)


@pytest.mark.parametrize("folder", PROGRAMMES)
def test_every_question_explains_itself_and_short_answers_list_their_variants(folder):
    for question in exam_questions(folder):
        assert question["explanation"], question["key"]
        if question["type"] == "short_answer":
            assert len(question["accepted"]) >= 2, question["key"]
            assert all(len(answer.split()) <= 3 for answer in question["accepted"])


@pytest.mark.parametrize("folder", PROGRAMMES)
def test_the_key_is_never_shown_while_a_retake_could_draw_the_same_questions(folder):
    data = read_exam(EXAMS[folder]).data
    assert data["attempts_allowed"] is not None and data["cooldown_minutes"] > 0
    if data["feedback"] == "immediately":
        assert data["attempts_allowed"] == 1
    if data["feedback"] == "after_close":
        assert data.get("closes_at") is not None


@pytest.mark.parametrize("folder", PROGRAMMES)
def test_essays_only_where_a_supervisor_grades_them(folder):
    essays = [q for q in exam_questions(folder) if q["type"] == "essay"]
    if folder in SUPERVISED:
        assert len(essays) == 1 and essays[0] in read_exam(EXAMS[folder]).data["questions"]
    else:
        assert essays == []


def test_the_counsellor_essay_does_not_presume_the_learners_own_recovery():
    essay = next(q for q in exam_questions("rusradgiver") if q["type"] == "essay")
    assert "Du har selv" not in essay["text"]
    assert "med eller uten egen rushistorie" in essay["text"]
