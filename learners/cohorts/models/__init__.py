"""Organisations, departments, cohorts and their deadlines, facilitated sessions with
attendance, and supervision (who supervises whom, in which programme)."""

from .organisations import Cohort, Department, ModuleDeadline, Organisation
from .roles import CohortRole
from .sessions import Attendance, Session
from .supervision import Supervision

__all__ = [
    "Attendance",
    "Cohort",
    "CohortRole",
    "Department",
    "ModuleDeadline",
    "Organisation",
    "Session",
    "Supervision",
]
