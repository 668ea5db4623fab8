"""Shared set-up for the practicum tests: the SMART facilitator programme, Lene enrolled
in it, Maja (a volunteer with no role) mentoring her since a month ago, and a helper that
logs meetings through the domain functions."""

import datetime

import pytest
from django.utils import timezone

from courses.models import ProgrammePage
from learners.journey import progress
from learners.models import Mentorship
from learners.practicum import rules
from learners.practicum.models import PracticumEntry
from tests.factories import UserFactory


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def smart(db) -> ProgrammePage:
    return ProgrammePage.objects.get(content_key="smart-facilitator")


@pytest.fixture
def mentee(learner, smart):
    progress.enrol(learner=learner, programme=smart, actor=learner)
    return learner


@pytest.fixture
def mentor(roles, mentee, smart):
    person = UserFactory(username="maja")
    Mentorship.objects.create(
        learner=mentee, mentor=person, programme=smart, starts_on=days_ago(30)
    )
    return person


@pytest.fixture
def other_mentor(roles, smart):
    """Mentors someone else in the same programme: must see nothing of Lene's log."""
    person = UserFactory(username="mikkel")
    Mentorship.objects.create(
        learner=UserFactory(username="annen"), mentor=person, programme=smart,
        starts_on=days_ago(30),
    )  # fmt: skip
    return person


def log_meeting(learner, programme, *, status="draft", mentor=None, **values) -> PracticumEntry:
    """A meeting logged through the domain functions, taken as far as ``status``."""
    values = {
        "date": days_ago(2),
        "format": PracticumEntry.Format.IN_PERSON,
        "role": "co-facilitator",
        "duration_minutes": 90,
        "reflection": "Jeg ledet runden og holdt tiden.",
        **values,
    }
    entry = rules.save_entry(
        PracticumEntry(learner=learner, programme=programme, **values), learner=learner
    )
    if status in ("submitted", "confirmed", "returned"):
        entry = rules.submit(entry, learner=learner)
    if status == "confirmed":
        entry = rules.confirm(entry, mentor=mentor)
    if status == "returned":
        entry = rules.return_entry(entry, mentor=mentor, comment="Hva var din rolle?")
    return entry


def form_data(programme, **overrides) -> dict:
    return {
        "programme": programme.pk,
        "date": days_ago(3).isoformat(),
        "format": "online",
        "role": "co-facilitator",
        "duration_minutes": "75",
        "attendees": "",
        "reflection": "Jeg prøvde fordeler og ulemper-skjemaet med gruppen.",
        **overrides,
    }
