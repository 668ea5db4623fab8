"""The journey's models: enrolments, module progress and the reflection journal."""

from .enrolment import Enrolment, ModuleProgress
from .journal import JournalComment, JournalEntry, programme_language

__all__ = [
    "Enrolment",
    "JournalComment",
    "JournalEntry",
    "ModuleProgress",
    "programme_language",
]
