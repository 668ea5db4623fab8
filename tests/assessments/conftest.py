"""An exam built for tests, with a key we know, under the AvHoldt programme."""

from decimal import Decimal

import pytest

from assessments.models import ExamPage, Question
from assessments.routes import exam_url
from learners.models import Enrolment
from tests.factories import ExamPageFactory, QuestionFactory


def choices(*specs):
    """("text", True/False) pairs → StreamField data with fixed ids c0, c1, …"""
    return [
        {"type": "choice", "value": {"text": text, "correct": correct}, "id": f"c{i}"}
        for i, (text, correct) in enumerate(specs)
    ]


def make_question(kind, text, **fields) -> Question:
    return QuestionFactory(kind=kind, text=text, **fields)


@pytest.fixture
def questions(db) -> list[Question]:
    return [
        make_question(
            "single",
            "Which colour is the sky on a clear day?",
            points=Decimal("1"),
            choices=choices(("Green", False), ("Blue", True), ("Red", False)),
            explanation="SKY-EXPLANATION: Rayleigh scattering.",
        ),
        make_question(
            "multiple",
            "Which of these are prime numbers?",
            points=Decimal("2"),
            scoring="partial",
            choices=choices(("2", True), ("3", True), ("4", False), ("5", True)),
            explanation="PRIME-EXPLANATION",
        ),
        make_question(
            "short_answer",
            "Name the capital of Norway.",
            points=Decimal("1"),
            accepted_answers="Oslo\nKristiania",
            explanation="CAPITAL-EXPLANATION",
        ),
        make_question(
            "true_false",
            "Water boils at 100 °C at sea level.",
            points=Decimal("1"),
            true_false_answer=True,
            explanation="WATER-EXPLANATION",
        ),
    ]


@pytest.fixture
def essay_question(db) -> Question:
    return make_question(
        "essay",
        "Describe your unit's plan for the next year.",
        points=Decimal("4"),
        rubric="RUBRIC: two building blocks, one evaluation.",
        explanation="ESSAY-EXPLANATION",
    )


def build_exam(programme, questions, slug="test-exam", **settings) -> ExamPage:
    exam = ExamPageFactory(parent=programme, questions=questions, slug=slug, **settings)
    return ExamPage.objects.get(pk=exam.pk)


@pytest.fixture
def exam(avholdt, questions) -> ExamPage:
    return build_exam(avholdt, questions)


@pytest.fixture
def essay_exam(avholdt, questions, essay_question) -> ExamPage:
    return build_exam(avholdt, [*questions, essay_question], slug="essay-exam")


@pytest.fixture
def enrolled(learner, avholdt):
    Enrolment.objects.create(learner=learner, programme=avholdt)
    return learner


def url(exam, name="overview", **kwargs) -> str:
    return exam_url(exam, name, **kwargs)


def form(attempt, position, **data):
    """POST data of the exam form answering the question at ``position`` of ``attempt``
    (``text=`` or ``choice=``; other keys, such as ``next``, pass through)."""
    question_id = attempt.answers.get(position=position).question_id
    fields = {f"q{question_id}-{key}" if key in ("text", "choice") else key: value
              for key, value in data.items()}  # fmt: skip
    return {"questions": question_id, **fields}


def choice_index(answer, text) -> str:
    """The form value (position in the shown order) of the choice with this text."""
    return str(next(i for i, c in enumerate(answer.snapshot["choices"]) if c["text"] == text))
