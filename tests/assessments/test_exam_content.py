"""Exam files in content/: loaded by load_content, exported back byte for byte."""

import random
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from assessments.content import read_exam, render_exam
from assessments.models import ExamPage, Question
from assessments.services import select_questions
from courses.content.loader import load_content
from courses.models import ModulePage, ModuleRole, ProgrammePage

CONTENT = Path(settings.BASE_DIR) / "content"
EXAM_FILES = sorted(CONTENT.glob("*/exam-*.yaml"))


def test_every_programme_has_an_exam_that_draws_two_questions_from_each_module(db):
    for programme in ProgrammePage.objects.exclude(content_key=None):  # sources
        exams = ExamPage.objects.descendant_of(programme).live()
        assert exams.exists(), programme
        # A module for the cohort's leaders only is not in the exam everyone takes.
        modules = [m.content_key for m in programme.modules() if m.for_role != ModuleRole.LEADER]
        for exam in exams:
            assert exam.programme.pk == programme.pk
            assert exam.exam_questions.count() + exam.pool_questions.count() >= 30, exam
            fixed = {link.question.pk for link in exam.exam_questions.all()}
            for seed in range(5):
                drawn = select_questions(exam, random.Random(seed))
                assert fixed <= {question.pk for question in drawn}, exam
                tags = [set(question.tags.names()) for question in drawn]
                for module in modules:
                    assert sum(module in names for names in tags) >= 2, (exam, module)
                assert 12 <= len(drawn) <= 16, exam


def test_only_the_exams_with_supervisors_to_grade_have_an_essay(db):
    supervised = {"peer-spezialist-pruefung", "rusradgiver-prove"}
    exams = ExamPage.objects.live().exclude(content_key=None)
    assert supervised < set(exams.values_list("content_key", flat=True))
    for exam in exams:
        links = [
            *exam.exam_questions.select_related("question"),
            *exam.pool_questions.select_related("question"),
        ]
        kinds = [link.question.kind for link in links]
        assert ("essay" in kinds) == (exam.content_key in supervised), exam.content_key


def test_an_exam_can_sit_under_a_module(db):
    exam = ExamPage.objects.get(content_key="rusmiddelprotokol-prove")
    assert exam.get_parent().specific == ModulePage.objects.get(content_key="rusmiddelprotokol-06")


@pytest.mark.parametrize("path", EXAM_FILES, ids=[p.parent.name for p in EXAM_FILES])
def test_the_files_are_canonical(path):
    assert render_exam(read_exam(path).data) == path.read_text(encoding="utf-8")


def test_export_after_load_reproduces_the_exam_files(db, tmp_path):
    call_command("export_content", str(tmp_path), stdout=StringIO())
    exported = sorted(tmp_path.glob("*/exam-*.yaml"))
    assert [p.relative_to(tmp_path) for p in exported] == [
        p.relative_to(CONTENT) for p in EXAM_FILES
    ]
    for original in EXAM_FILES:
        copy = tmp_path / original.relative_to(CONTENT)
        assert copy.read_text(encoding="utf-8") == original.read_text(encoding="utf-8"), original


def test_a_changed_question_updates_the_bank_with_a_revision(db, tmp_path):
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    path = target / "avholdt" / "exam-avsluttende-prove.yaml"
    path.write_text(path.read_text().replace("Hvorfor begynner AvHoldt", "Hvorfor starter AvHoldt"))
    question = Question.objects.get(content_key="avholdt-q01")
    revisions = question.revisions.count()

    report = load_content(target)

    assert report.errors == [] and report.updated == ["avholdt/exam-avsluttende-prove.yaml"]
    question.refresh_from_db()
    assert question.text.startswith("Hvorfor starter AvHoldt")
    assert question.revisions.count() == revisions + 1


def test_a_broken_exam_file_names_the_file_and_stops_its_programme(db, tmp_path):
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    path = target / "avholdt" / "exam-avsluttende-prove.yaml"
    path.write_text(path.read_text().replace("  answer: false\n", "  answer: maybe\n", 1))
    report = load_content(target)
    assert len(report.errors) == 1
    error = report.errors[0]
    assert error.path == path and "avholdt-q02" in error.message and error.line > 1
