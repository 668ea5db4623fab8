"""Shared set-up for the practice-hours tests (imported by the other test_hours_* files):
the rusrådgiver programme with the categories and requirement of its programme.md, Siri supervising
Lene in it since a year ago, and a helper that logs hours through the domain functions.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.models import ProgrammePage
from learners.hours import rules as hours
from learners.models import HoursEntry, Supervision

PASSWORD = "correct horse battery staple"
TODAY = timezone.localdate


@pytest.fixture
def rusradgiver(db) -> ProgrammePage:
    return ProgrammePage.objects.get(content_key="rusradgiver")


@pytest.fixture
def categories(rusradgiver, supervisor, learner) -> dict:
    hours.load_demo_hours(supervisor=supervisor, learners=[learner])
    Supervision.objects.filter(supervisor=supervisor).update(
        starts_on=TODAY() - datetime.timedelta(days=365)
    )
    return {category.slug: category for category in rusradgiver.practice_categories.all()}


@pytest.fixture
def counselling(categories):
    return categories["radgivning"]


def days_ago(days: int) -> datetime.date:
    return TODAY() - datetime.timedelta(days=days)


def log_hours(learner, category, *, status="draft", supervisor=None, **values) -> HoursEntry:
    """An entry made through the domain functions, taken as far as ``status``."""
    values = {
        "date": days_ago(1),
        "hours": Decimal("1.5"),
        "setting": "Poliklinikken",
        "description": "Individuell samtale om tilbakefallsforebygging.",
        **values,
    }
    entry = hours.create_entry(
        learner=learner, programme=category.programme, category=category, **values
    )
    if status in ("submitted", "approved", "returned"):
        [entry] = hours.submit([entry], by=learner)
    if status == "approved":
        entry = hours.approve(entry, supervisor=supervisor)
    if status == "returned":
        entry = hours.return_entry(entry, supervisor=supervisor, comment="Mangler sted.")
    return entry


def form_data(in_category, **overrides) -> dict:
    return {
        "programme": in_category.programme_id,
        "category": in_category.pk,
        "date": days_ago(2).isoformat(),
        "hours": "2.25",
        "setting": "Døgnavdelingen",
        "description": "Gruppesamtale om mestring.",
        "supervision_type": "",
        "client_code": "",
        **overrides,
    }
