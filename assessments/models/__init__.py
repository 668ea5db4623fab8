"""Question banks, exams and attempts; everything is importable from here."""

from .attempts import Answer, Attempt
from .exams import (
    ExamPage,
    ExamPoolQuestion,
    ExamQuestion,
    ExamRandomRule,
    ExtraTime,
    uncovered_modules,
)
from .questions import Question, TaggedQuestion
from .translations import QuestionTranslation

__all__ = [
    "Answer",
    "Attempt",
    "ExamPage",
    "ExamPoolQuestion",
    "ExamQuestion",
    "ExamRandomRule",
    "ExtraTime",
    "Question",
    "QuestionTranslation",
    "TaggedQuestion",
    "uncovered_modules",
]
