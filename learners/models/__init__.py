"""A person's record: organisations and cohorts, supervision, enrolments and progress,
journals, practice hours. One module per topic; everything is importable from here."""

from .enrolment import Enrolment, ModuleProgress
from .hours import EntryLocked, HoursEntry, HoursRequirement, PracticeCategory
from .journal import JournalComment, JournalEntry
from .organisations import Cohort, Organisation
from .supervision import Supervision, SupervisorProfile

__all__ = [
    "Cohort",
    "Enrolment",
    "EntryLocked",
    "HoursEntry",
    "HoursRequirement",
    "JournalComment",
    "JournalEntry",
    "ModuleProgress",
    "Organisation",
    "PracticeCategory",
    "Supervision",
    "SupervisorProfile",
]
