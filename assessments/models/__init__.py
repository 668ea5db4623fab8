"""Question banks, exams and attempts; everything is importable from here."""

from .attempts import Answer, Attempt
from .exams import ExamPage, ExamQuestion, ExamRandomRule, ExtraTime
from .questions import Question, TaggedQuestion

__all__ = [
    "Answer",
    "Attempt",
    "ExamPage",
    "ExamQuestion",
    "ExamRandomRule",
    "ExtraTime",
    "Question",
    "TaggedQuestion",
]
