"""A module for leaders (the protocol's module 7, ``for_role: leader``) is required of the
cohort's members who hold the leader role and optional for everyone else, end to end:
the programme page, the module page and the programme's completion."""

import pytest

from courses.models import ModulePage, ModuleRole, ProgrammePage
from learners.cohorts.models import Cohort
from learners.cohorts.roles import set_roles
from learners.journey import progress
from learners.journey.models import Enrolment
from tests.factories import make_lead
from tests.factories.records import CompletedModuleFactory


@pytest.fixture
def protocol(db) -> ProgrammePage:
    return ProgrammePage.objects.get(content_key="rusmiddelprotokol")


@pytest.fixture
def team(clinic, protocol, lead, learner, colleagues) -> Cohort:
    cohort = Cohort.objects.create(organisation=clinic, programme=protocol, name="Bostøtten")
    make_lead(lead, protocol)
    cohort.members.add(learner, colleagues[0])
    for person in (learner, colleagues[0]):
        progress.enrol(learner=person, programme=protocol, actor=lead, cohort=cohort)
    set_roles(cohort=cohort, person=colleagues[0], roles={ModuleRole.LEADER}, actor=lead)
    return cohort


def test_the_leader_module_is_optional_for_members_and_required_of_leaders(
    client, team, protocol, learner, colleagues
):
    modules = list(protocol.modules())
    leaders_module = ModulePage.objects.get(content_key="rusmiddelprotokol-07")
    assert leaders_module.for_role == ModuleRole.LEADER
    client.force_login(learner)
    assert "optional for you" in client.get(protocol.url).text
    for person in (learner, colleagues[0]):
        for module in modules:
            if module.pk != leaders_module.pk:
                CompletedModuleFactory(learner=person, module=module)
        enrolment = progress.update_programme_completion(
            progress.active_enrolment(learner=person, programme=protocol)
        )
    assert Enrolment.objects.get(learner=learner).status == Enrolment.Status.COMPLETED
    assert enrolment.status == Enrolment.Status.ACTIVE  # the leader still has module 7
    client.force_login(colleagues[0])
    assert "optional for you" not in client.get(protocol.url).text
    page = client.get(leaders_module.url).text
    assert "which you do not hold" not in page and "Ledelsens opgaver" in page
