"""The journey's models: enrolments, module progress and the reflection journal."""

from .enrolment import Enrolment, ModuleProgress
from .journal import JournalComment, JournalEntry

__all__ = ["Enrolment", "JournalComment", "JournalEntry", "ModuleProgress"]
