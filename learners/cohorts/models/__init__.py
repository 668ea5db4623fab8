"""Organisations, departments, cohorts and their deadlines, facilitated sessions with
attendance, supervision (who supervises whom, in which programme) and mentorship (who
mentors whom)."""

from .mentorship import Mentorship
from .organisations import Cohort, Department, ModuleDeadline, Organisation
from .roles import CohortRole
from .sessions import Attendance, Session
from .supervision import Supervision

__all__ = [
    "Attendance",
    "Cohort",
    "CohortRole",
    "Department",
    "Mentorship",
    "ModuleDeadline",
    "Organisation",
    "Session",
    "Supervision",
]
