"""A person's record: organisations and cohorts, supervision, enrolments and progress,
journals, practice hours, certificates. One module per topic; everything is importable from here."""

from .certificates import (
    Attestation,
    Certificate,
    CertificateExport,
    EligibilitySnapshot,
)
from .enrolment import Enrolment, ModuleProgress
from .hours import EntryLocked, HoursEntry, HoursRequirement, PracticeCategory
from .journal import JournalComment, JournalEntry
from .notifications import Notification, SentReminder
from .organisations import Cohort, Department, ModuleDeadline, Organisation
from .sessions import Attendance, Session
from .supervision import Supervision, SupervisorProfile

__all__ = [
    "Attendance",
    "Attestation",
    "Certificate",
    "CertificateExport",
    "Cohort",
    "Department",
    "EligibilitySnapshot",
    "Enrolment",
    "EntryLocked",
    "HoursEntry",
    "HoursRequirement",
    "JournalComment",
    "JournalEntry",
    "ModuleDeadline",
    "ModuleProgress",
    "Notification",
    "Organisation",
    "PracticeCategory",
    "SentReminder",
    "Session",
    "Supervision",
    "SupervisorProfile",
]
