"""The journey's models: enrolments, module progress, leaders' sign-offs and the
reflection journal."""

from .enrolment import Enrolment, ModuleProgress
from .journal import JournalComment, JournalEntry, programme_language
from .signoff import ModuleSignoff

__all__ = [
    "Enrolment",
    "JournalComment",
    "JournalEntry",
    "ModuleProgress",
    "ModuleSignoff",
    "programme_language",
]
