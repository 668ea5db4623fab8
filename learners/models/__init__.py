"""A person's record: organisations and cohorts, supervision, enrolments and progress,
journals, practice hours. One module per topic; everything is importable from here."""

from .enrolment import Enrolment, ModuleProgress
from .journal import JournalComment, JournalEntry
from .organisations import Cohort, Organisation
from .supervision import Supervision, SupervisorProfile

__all__ = [
    "Cohort",
    "Enrolment",
    "JournalComment",
    "JournalEntry",
    "ModuleProgress",
    "Organisation",
    "Supervision",
    "SupervisorProfile",
]
