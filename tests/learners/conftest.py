"""Fixtures shared by the learners rooms' tests: a clinic with two departments, Lars
leading a cohort in AvHoldt with Lene and four colleagues, a session, another lead and an
organisation leader."""

import datetime

import pytest
from django.utils import timezone

from cms.roles import ORGANISATION_LEADERS, PROGRAMME_LEADS
from learners.journey import progress
from learners.models import Cohort, Department, Organisation, Session
from tests.factories import UserFactory, make_lead


@pytest.fixture
def clinic(db):
    return Organisation.objects.create(name="Rusklinikken Loland", slug="loland")


@pytest.fixture
def wards(clinic):
    return [
        Department.objects.create(organisation=clinic, name="Avrusning"),
        Department.objects.create(organisation=clinic, name="Poliklinikk"),
    ]


@pytest.fixture
def colleagues(roles):
    return [UserFactory(username=f"kollega{n}", last_name=f"Kollega {n}") for n in range(4)]


@pytest.fixture
def cohort(clinic, wards, avholdt, lead, learner, colleagues):
    cohort = Cohort.objects.create(
        organisation=clinic, programme=avholdt, name="AvHoldt 2026", lead=lead
    )
    make_lead(lead, avholdt)
    people = [learner, *colleagues]
    cohort.members.add(*people)
    wards[0].staff.add(learner, colleagues[0])
    wards[1].staff.add(*colleagues[1:])
    for person in people:
        progress.enrol(learner=person, programme=avholdt, actor=lead, cohort=cohort)
    return cohort


@pytest.fixture
def other_lead(roles):
    """Leads a cohort in another programme: must see nothing of AvHoldt's cohorts."""
    from courses.models import ProgrammePage

    person = UserFactory(username="petra", groups=[roles[PROGRAMME_LEADS]])
    elsewhere = Organisation.objects.create(name="Annen klinikk", slug="annen")
    programme = ProgrammePage.objects.get(content_key="rusradgiver")
    Cohort.objects.create(
        organisation=elsewhere, programme=programme, name="Rådgivere", lead=person
    )
    make_lead(person, programme)
    return person


@pytest.fixture
def leader(roles, clinic):
    person = UserFactory(username="olga", groups=[roles[ORGANISATION_LEADERS]])
    clinic.leaders.add(person)
    return person


@pytest.fixture
def session(cohort, avholdt_modules, lead):
    return Session.objects.create(
        cohort=cohort,
        module=avholdt_modules[2],
        title="Teoriundervisning, del 1",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        duration_minutes=90,
        place="Møterom 2",
        facilitator=lead,
    )
