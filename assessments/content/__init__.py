"""Exams as content files: ``files`` reads and writes ``exam-*.yaml``, ``pages`` turns
them into exam pages and bank questions and back, and holds the content handler."""

from .files import ExamSource, exam_filename, read_exam, read_exams, render_exam
from .pages import ExamHandler, apply_exams, exam_source_from_page, export_exams

__all__ = [
    "ExamHandler",
    "ExamSource",
    "apply_exams",
    "exam_filename",
    "exam_source_from_page",
    "export_exams",
    "read_exam",
    "read_exams",
    "render_exam",
]
