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
from .organisations import Cohort, Organisation
from .supervision import Supervision, SupervisorProfile

__all__ = [
    "Attestation",
    "Certificate",
    "CertificateExport",
    "EligibilitySnapshot",
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
