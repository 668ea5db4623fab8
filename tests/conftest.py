"""Shared fixtures. The programmes in content/ are loaded once per test session, and the
named people below play the roles from DESIGN.md.

A test that needs real concurrent transactions (PostgreSQL) is marked
``@pytest.mark.django_db(transaction=True, serialized_rollback=True)``: the database is
restored to the loaded programmes after it, so later tests still see them."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections

from cms.roles import ADMINISTRATORS, LEARNERS, PROGRAMME_LEADS, SUPERVISORS, ensure_roles
from courses.models import ModulePage, ProgrammeIndexPage, ProgrammePage

from .factories import UserFactory

pytest_plugins = ["tests.second_factor"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)
        # Tests marked serialized_rollback=True restore this snapshot after their flush,
        # so the programmes survive tests that need real concurrent transactions.
        for connection in connections.all():
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: what a test cached (site settings, the view
    restriction flag, values of the page tree) is gone with its rolled-back rows."""
    cache.clear()


@pytest.fixture
def roles(db):
    return ensure_roles(ProgrammeIndexPage.objects.first())


@pytest.fixture
def learner(roles):
    return UserFactory(username="lene", groups=[roles[LEARNERS]])


@pytest.fixture
def supervisor(roles):
    return UserFactory(username="siri", groups=[roles[SUPERVISORS]])


@pytest.fixture
def other_supervisor(roles):
    return UserFactory(username="ola", groups=[roles[SUPERVISORS]])


@pytest.fixture
def lead(roles):
    return UserFactory(username="lars", groups=[roles[PROGRAMME_LEADS]])


@pytest.fixture
def administrator(roles):
    return UserFactory(username="astrid", groups=[roles[ADMINISTRATORS]])


@pytest.fixture
def avholdt(db) -> ProgrammePage:
    return ProgrammePage.objects.get(content_key="avholdt")


@pytest.fixture
def avholdt_modules(avholdt) -> list[ModulePage]:
    return list(avholdt.modules())
