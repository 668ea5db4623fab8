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

__all__ = [
    "Answer",
    "Attempt",
    "ExamPage",
    "ExamPoolQuestion",
    "ExamQuestion",
    "ExamRandomRule",
    "ExtraTime",
    "Question",
    "TaggedQuestion",
    "uncovered_modules",
]
