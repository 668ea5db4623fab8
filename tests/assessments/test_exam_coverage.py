"""An exam that says it covers modules must ask about each of them in every attempt: the
loader refuses a false claim with its file and line, and export writes the claim back."""

import random
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from assessments.content import read_exam, render_exam
from assessments.models import ExamPage, Question, uncovered_modules
from assessments.services import select_questions
from courses.content.exporter import export_content
from courses.content.format import read_programme, tracks_of
from courses.content.loader import load_content

CONTENT = Path(settings.BASE_DIR) / "content"

PLANTED = """\
key: avholdt-quiz
title: Quiz om trening og refleksjon
covers:
- avholdt-03
- avholdt-04
pass_mark: 60
time_limit_minutes: null
attempts_allowed: 2
cooldown_minutes: 60
shuffle_questions: true
shuffle_choices: true
feedback: never
layout: all_on_one_page
random:
- tag: avholdt-04
  count: 1
questions:
- key: quiz-fast
  type: true_false
  points: 1
  tags:
  - avholdt-03
  text: Traumer kan prege måten en pasient reagerer på grenser.
  answer: true
pool:
- key: quiz-p1
  type: true_false
  points: 1
  tags:
  - avholdt-04
  text: Jording skal tilbys, ikke kommanderes.
  answer: true
- key: quiz-p2
  type: true_false
  points: 1
  tags:
  - avholdt-04
  text: I refleksjonsgruppen kommer rådene før forståelsen.
  answer: false
"""


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    # The source only: a file planted in it has no translation (content/avholdt/en, da).
    shutil.copytree(CONTENT / "avholdt", target / "avholdt", ignore=shutil.ignore_patterns("??"))
    return target


def plant(content: Path, text: str) -> Path:
    path = content / "avholdt" / "exam-quiz.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return text.split("\n").index(needle) + 1


def test_the_rule_names_modules_no_rule_or_fixed_question_asks_about():
    rules = [("avholdt-01", 2), ("avholdt-02", 0)]
    fixed = [{"avholdt-03", "ledelse"}]
    covered = ["avholdt-01", "avholdt-02", "avholdt-03", "avholdt-04"]
    assert uncovered_modules(covered, rules, fixed) == ["avholdt-02", "avholdt-04"]
    assert uncovered_modules([], rules, fixed) == []


def test_a_true_claim_loads_and_every_attempt_asks_about_each_covered_module(db, content):
    plant(content, PLANTED)
    report = load_content(content)
    assert report.errors == [] and "avholdt/exam-quiz.yaml" in report.created
    exam = ExamPage.objects.get(content_key="avholdt-quiz")
    assert sorted(m.content_key for m in exam.covers.all()) == ["avholdt-03", "avholdt-04"]
    for seed in range(10):
        tags = [set(q.tags.names()) for q in select_questions(exam, random.Random(seed))]
        for module in ("avholdt-03", "avholdt-04"):
            assert any(module in question_tags for question_tags in tags)


def test_a_false_claim_is_refused_with_the_file_and_the_line(db, content):
    # The exam claims module 02, but neither a rule nor a fixed question asks about it.
    text = PLANTED.replace("covers:\n", "covers:\n- avholdt-02\n")
    path = plant(content, text)
    report = load_content(content)
    assert len(report.errors) == 1
    error = report.errors[0]
    assert error.path == path and error.line == line_of(text, "- avholdt-02")
    assert "avholdt-02" in error.message and "covers" in error.message
    assert not ExamPage.objects.filter(content_key="avholdt-quiz").exists()
    assert not Question.objects.filter(content_key="quiz-p1").exists()


def test_a_rule_that_draws_nothing_does_not_cover_its_module(db, content):
    text = PLANTED.replace("- tag: avholdt-04\n  count: 1", "- tag: avholdt-04\n  count: 0")
    path = plant(content, text)
    report = load_content(content)
    assert [e.path for e in report.errors] == [path]
    assert "avholdt-04" in report.errors[0].message


def test_covering_a_module_of_another_programme_is_refused(db, content):
    text = PLANTED.replace("covers:\n", "covers:\n- rusradgiver-01\n")
    path = plant(content, text)
    report = load_content(content)
    assert [e.path for e in report.errors] == [path]
    assert report.errors[0].line == line_of(text, "- rusradgiver-01")
    assert "not a module here" in report.errors[0].message


def test_a_claim_round_trips_byte_for_byte(db, content, tmp_path):
    path = plant(content, PLANTED)
    assert render_exam(read_exam(path).data) == PLANTED
    load_content(content)
    export_content(tmp_path / "out")
    exported = (tmp_path / "out" / "avholdt" / "exam-quiz.yaml").read_text(encoding="utf-8")
    assert exported == PLANTED


# --- the shipped exams ---------------------------------------------------------------------

EXAMS = sorted(CONTENT.glob("*/exam-*.yaml"))


@pytest.mark.parametrize("path", EXAMS, ids=lambda path: path.parent.name)
def test_every_shipped_exam_claims_every_module_it_draws_from(path):
    data = read_exam(path).data
    # Every module but one for the cohort's leaders only: everyone takes the exam.
    modules = [
        module.key
        for module in read_programme(path.parent).modules
        if module.front.get("for_role") != "leader"
    ]
    assert data["covers"] == modules
    rules = [(rule["tag"], rule["count"]) for rule in data["random"]]
    assert uncovered_modules(data["covers"], rules, []) == []


def certification_exams() -> list[tuple[str, str]]:
    """(programme folder, exam key) for every exam a certification track requires."""
    found = []
    for folder in sorted(path for path in CONTENT.iterdir() if path.is_dir()):
        for track in tracks_of(read_programme(folder).front.get("certification")):
            for requirement in track["requirements"]:
                if requirement["kind"] == "exam" and (folder.name, requirement["key"]) not in found:
                    found.append((folder.name, requirement["key"]))
    return found


def test_certification_exams_are_found():
    assert ("rusradgiver", "rusradgiver-prove") in certification_exams()
    assert ("peer-spezialist", "peer-spezialist-pruefung") in certification_exams()


@pytest.mark.parametrize(("folder", "key"), certification_exams())
def test_each_certification_exam_draws_from_30_or_more_questions_with_shuffling(db, folder, key):
    report = load_content(CONTENT)
    assert report.errors == []
    exam = ExamPage.objects.get(content_key=key)
    assert exam.shuffle_questions and exam.shuffle_choices
    tags = [rule.tag for rule in exam.random_rules.all()]
    drawable = set(Question.objects.filter(tags__name__in=tags).values_list("pk", flat=True))
    drawable |= set(exam.exam_questions.values_list("question_id", flat=True))
    assert len(drawable) >= 30
    # What the bank offers is really drawn: 40 attempts meet most of it, in varying order.
    seen, orders = set(), set()
    for seed in range(40):
        chosen = select_questions(exam, random.Random(seed))
        seen |= {question.pk for question in chosen}
        orders.add(tuple(question.pk for question in chosen))
    assert len(seen) >= 30 and len(orders) == 40
