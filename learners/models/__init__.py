"""The app's model registry: Django imports ``learners.models`` at start-up, and this
module imports every room's models so they are registered. Rooms never import it; they
import models from the room that owns them."""

from learners.certification.models import (
    Attestation,
    Certificate,
    CertificateExport,
    Declaration,
    EligibilitySnapshot,
    ExternalEducation,
)
from learners.cohorts.models import (
    Attendance,
    Cohort,
    CohortRole,
    Department,
    Mentorship,
    ModuleDeadline,
    Organisation,
    Session,
    Supervision,
)
from learners.dashboard.models import DashboardVisit
from learners.hours.models import (
    EntryLocked,
    HoursEntry,
    HoursRequirement,
    PracticeCategory,
    SupervisorProfile,
)
from learners.journey.models import (
    Enrolment,
    JournalComment,
    JournalEntry,
    ModuleProgress,
    ModuleSignoff,
)
from learners.teamwork.models import DocumentRevision, TeamDocument

__all__ = [
    "Attendance",
    "Attestation",
    "Declaration",
    "ExternalEducation",
    "Certificate",
    "CertificateExport",
    "Cohort",
    "CohortRole",
    "DashboardVisit",
    "DocumentRevision",
    "Department",
    "EligibilitySnapshot",
    "Enrolment",
    "EntryLocked",
    "HoursEntry",
    "HoursRequirement",
    "JournalComment",
    "JournalEntry",
    "Mentorship",
    "ModuleDeadline",
    "ModuleProgress",
    "ModuleSignoff",
    "Organisation",
    "PracticeCategory",
    "Session",
    "Supervision",
    "SupervisorProfile",
    "TeamDocument",
]
