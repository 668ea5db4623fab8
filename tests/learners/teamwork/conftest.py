"""Fixtures for the teamwork tests: Lars's AvHoldt cohort (``cohort``, from the learners
fixtures), whose member kollega0 leads it at work, and a second cohort in the same
programme whose member must see nothing of the first."""

import pytest

from courses.models import ModuleRole
from learners.cohorts.models import Cohort
from learners.cohorts.roles import set_roles
from tests.factories import UserFactory


@pytest.fixture
def ward_leader(cohort, colleagues, lead):
    person = colleagues[0]
    set_roles(cohort=cohort, person=person, roles={ModuleRole.LEADER}, actor=lead)
    return person


@pytest.fixture
def outsider(clinic, avholdt, roles):
    """A member of another AvHoldt cohort."""
    person = UserFactory(username="utenfor")
    other = Cohort.objects.create(organisation=clinic, programme=avholdt, name="AvHoldt 2027")
    other.members.add(person)
    return person
