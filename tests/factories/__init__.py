"""Domain factories for tests (factory_boy; wagtail-factories for pages)."""

from .pages import ExamPageFactory, ModulePageFactory, ProgrammePageFactory
from .people import CohortFactory, OrganisationFactory, SupervisionFactory, make_lead
from .records import (
    ApprovedHoursFactory,
    AttemptFactory,
    CompletedModuleFactory,
    PracticeCategoryFactory,
    QuestionFactory,
    certification_track,
)
from .users import UserFactory

__all__ = [
    "ApprovedHoursFactory",
    "AttemptFactory",
    "CohortFactory",
    "CompletedModuleFactory",
    "ExamPageFactory",
    "ModulePageFactory",
    "OrganisationFactory",
    "PracticeCategoryFactory",
    "ProgrammePageFactory",
    "QuestionFactory",
    "SupervisionFactory",
    "UserFactory",
    "certification_track",
    "make_lead",
]
