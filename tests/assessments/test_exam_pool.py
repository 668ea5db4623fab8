"""An exam file's question pool: loaded into the bank, drawn by the random rules, never
fixed on the exam, written back by export; a rule the pool cannot satisfy is an error."""

import random
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from assessments.content import read_exam, render_exam
from assessments.models import ExamPage, Question
from assessments.services import select_questions
from courses.content.exporter import export_content
from courses.content.loader import load_content

CONTENT = Path(settings.BASE_DIR) / "content"

PLANTED = """\
key: avholdt-quiz
title: Quiz om trening og refleksjon
module: avholdt-04
pass_mark: 60
time_limit_minutes: null
attempts_allowed: 2
cooldown_minutes: 60
shuffle_questions: true
shuffle_choices: true
feedback: never
layout: all_on_one_page
random:
- tag: quiz-trening
  count: 2
- tag: quiz-refleksjon
  count: 1
questions:
- key: quiz-fast
  type: true_false
  points: 1
  tags:
  - quiz-trening
  text: Samregulering betyr å låne bort sin egen ro.
  answer: true
pool:
- key: quiz-p1
  type: single
  points: 1
  tags:
  - avholdt-04
  - quiz-trening
  text: Hva gjør du først når en pasient roper til deg i gangen?
  choices:
  - text: Kjenner etter hvordan du selv har det
    correct: true
  - text: Forklarer husreglene med én gang
  explanation: Regulér deg selv først.
- key: quiz-p2
  type: true_false
  points: 1
  tags:
  - avholdt-04
  - quiz-trening
  text: Jording skal tilbys, ikke kommanderes.
  answer: true
- key: quiz-p3
  type: short_answer
  points: 1
  tags:
  - avholdt-04
  - quiz-trening
  text: Hva kalles det å roe seg sammen med en rolig annen person? Ett ord.
  accepted:
  - samregulering
- key: quiz-p4
  type: true_false
  points: 1
  tags:
  - avholdt-04
  - quiz-refleksjon
  text: I refleksjonsgruppen kommer rådene før forståelsen.
  answer: false
"""


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    # The source only: a file planted in it has no translation (content/avholdt/en, da).
    shutil.copytree(CONTENT / "avholdt", target / "avholdt", ignore=shutil.ignore_patterns("??"))
    return target


def plant(content: Path, text: str = PLANTED) -> Path:
    path = content / "avholdt" / "exam-quiz.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_planted_file_with_a_pool_is_canonical(content):
    path = plant(content)
    source = read_exam(path)
    assert [q["key"] for q in source.data["pool"]] == ["quiz-p1", "quiz-p2", "quiz-p3", "quiz-p4"]
    assert render_exam(source.data) == PLANTED


def test_pool_questions_go_into_the_bank_but_are_not_fixed_on_the_exam(db, content):
    plant(content)
    report = load_content(content)
    assert report.errors == [] and "avholdt/exam-quiz.yaml" in report.created

    exam = ExamPage.objects.get(content_key="avholdt-quiz")
    assert [link.question.content_key for link in exam.exam_questions.all()] == ["quiz-fast"]
    pooled = exam.pool_questions.order_by("sort_order").select_related("question")
    assert [link.question.content_key for link in pooled] == [
        "quiz-p1", "quiz-p2", "quiz-p3", "quiz-p4",
    ]  # fmt: skip
    question = Question.objects.get(content_key="quiz-p1")
    assert sorted(question.tags.names()) == ["avholdt-04", "quiz-trening"]
    assert question.revisions.count() == 1


def test_an_attempt_gets_the_fixed_questions_and_draws_the_rest_from_the_pool(db, content):
    plant(content)
    load_content(content)
    exam = ExamPage.objects.get(content_key="avholdt-quiz")
    for seed in range(20):
        keys = [q.content_key for q in select_questions(exam, random.Random(seed))]
        assert len(keys) == 4 and len(set(keys)) == 4
        assert "quiz-fast" in keys and "quiz-p4" in keys
        assert len(set(keys) & {"quiz-p1", "quiz-p2", "quiz-p3"}) == 2


def test_export_writes_the_pool_back_byte_for_byte(db, content, tmp_path):
    path = plant(content)
    load_content(content)
    exported = tmp_path / "exported"
    export_content(exported)
    assert (exported / "avholdt" / "exam-quiz.yaml").read_text(encoding="utf-8") == (
        path.read_text(encoding="utf-8")
    )


def test_a_changed_pool_question_gets_a_new_revision_and_leaves_the_others(db, content):
    path = plant(content)
    load_content(content)
    path.write_text(PLANTED.replace("Jording skal tilbys", "Jording skal alltid tilbys"))
    report = load_content(content)
    assert report.errors == [] and report.updated == ["avholdt/exam-quiz.yaml"]
    assert Question.objects.get(content_key="quiz-p2").revisions.count() == 2
    assert Question.objects.get(content_key="quiz-p1").revisions.count() == 1


def test_a_rule_the_pool_cannot_satisfy_names_the_file_and_the_rule(db, content):
    # Three pool questions and one fixed question carry the tag: fixed ones do not count.
    path = plant(content, PLANTED.replace("  count: 2\n", "  count: 4\n"))
    report = load_content(content)
    assert len(report.errors) == 1
    error = report.errors[0]
    assert error.path == path
    assert error.line == PLANTED.split("\n").index("- tag: quiz-trening") + 1
    assert "quiz-trening" in error.message and "only 3" in error.message
    assert not ExamPage.objects.filter(content_key="avholdt-quiz").exists()


def test_every_rule_is_checked(db, content):
    path = plant(content, PLANTED.replace("  count: 1\n", "  count: 2\n"))
    report = load_content(content)
    assert [e.path for e in report.errors] == [path]
    assert "quiz-refleksjon" in report.errors[0].message


def test_a_pool_question_no_rule_draws_is_an_error(db, content):
    stray = (
        "- key: quiz-p5\n  type: true_false\n  points: 1\n  tags:\n  - avholdt-04\n"
        "  text: Denne kan ingen regel trekke.\n  answer: true\n"
    )
    path = plant(content, PLANTED + stray)
    report = load_content(content)
    assert [e.path for e in report.errors] == [path]
    assert "quiz-p5" in report.errors[0].message
    assert report.errors[0].line == (PLANTED + stray).split("\n").index("- key: quiz-p5") + 1


def test_a_pool_key_used_twice_is_an_error(db, content):
    path = plant(content, PLANTED.replace("key: quiz-p2", "key: quiz-p1"))
    report = load_content(content)
    assert [e.path for e in report.errors] == [path]
    assert "quiz-p1" in report.errors[0].message and "twice" in report.errors[0].message


def test_an_exam_without_fixed_questions_needs_random_rules(db, content):
    lines = PLANTED.split("random:")[0] + "questions: []\n"
    path = plant(content, lines)
    report = load_content(content)
    assert [e.path for e in report.errors] == [path]
    assert "questions" in report.errors[0].message
