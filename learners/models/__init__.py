"""A person's record: organisations and cohorts, supervision, enrolments and progress,
journals, practice hours. One module per topic; everything is importable from here."""

from .enrolment import Enrolment, ModuleProgress
from .hours import EntryLocked, HoursEntry, HoursRequirement, PracticeCategory
from .journal import JournalComment, JournalEntry
from .notifications import Notification, SentReminder
from .organisations import Cohort, Department, ModuleDeadline, Organisation
from .sessions import Attendance, Session
from .supervision import Supervision, SupervisorProfile

__all__ = [
    "Attendance",
    "Department",
    "ModuleDeadline",
    "Notification",
    "SentReminder",
    "Session",
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
