"""A module for a cohort role (AvHoldt step 5, for resource persons) is required of the
role's holders and optional for everyone else: it blocks nobody else's next module or
completion, and what it needed is still needed."""

from django.urls import reverse

from cms.models import AuditEvent
from courses.models import ModuleRole
from learners.certification.certificates import course_completed
from learners.cohorts.roles import set_roles
from learners.journey import progress, standings
from learners.journey.models import Enrolment
from tests.factories.records import CompletedModuleFactory


def complete(learner, *modules):
    for module in modules:
        CompletedModuleFactory(learner=learner, module=module)


def settle(learner, programme) -> Enrolment:
    return progress.update_programme_completion(
        progress.active_enrolment(learner=learner, programme=programme)
    )


def test_an_optional_role_module_does_not_block_others_completion(
    cohort, learner, avholdt, avholdt_modules
):
    step = {m.order: m for m in avholdt_modules}
    assert step[5].for_role == ModuleRole.RESOURCE_PERSON
    complete(learner, step[1], step[2], step[3], step[4])
    # Step 6 names step 5 as its prerequisite; for a learner without the role it is open.
    assert progress.missing_prerequisites(learner=learner, module=step[6]) == []
    assert progress.may_study(user=learner, module=step[6])
    complete(learner, step[6], step[7])
    assert settle(learner, avholdt).status == Enrolment.Status.COMPLETED
    [standing] = standings.standings(learner)
    assert (standing.completed, standing.total) == (6, 6)


def test_skipping_the_optional_module_does_not_skip_what_it_needed(
    cohort, learner, avholdt_modules
):
    step = {m.order: m for m in avholdt_modules}
    complete(learner, step[1], step[2], step[3])
    assert progress.missing_prerequisites(learner=learner, module=step[6]) == [step[4]]
    assert [
        (m.order, open_now)
        for m, open_now in progress.prerequisite_path(learner=learner, module=step[7])
    ] == [
        (4, True),
        (6, False),
    ]


def test_a_role_member_must_complete_the_module(cohort, learner, lead, avholdt, avholdt_modules):
    step = {m.order: m for m in avholdt_modules}
    set_roles(cohort=cohort, person=learner, roles={ModuleRole.RESOURCE_PERSON}, actor=lead)
    complete(learner, step[1], step[2], step[3], step[4])
    assert progress.missing_prerequisites(learner=learner, module=step[6]) == [step[5]]
    assert not progress.may_study(user=learner, module=step[6])
    complete(learner, step[6], step[7])
    assert settle(learner, avholdt).status == Enrolment.Status.ACTIVE
    complete(learner, step[5])
    assert settle(learner, avholdt).status == Enrolment.Status.COMPLETED


def test_giving_the_role_after_completion_reopens_the_programme_and_taking_it_closes_it(
    cohort, learner, lead, avholdt, avholdt_modules
):
    complete(learner, *[m for m in avholdt_modules if m.order != 5])
    assert settle(learner, avholdt).status == Enrolment.Status.COMPLETED
    set_roles(cohort=cohort, person=learner, roles={ModuleRole.RESOURCE_PERSON}, actor=lead)
    assert (
        progress.active_enrolment(learner=learner, programme=avholdt).status
        == Enrolment.Status.ACTIVE
    )
    set_roles(cohort=cohort, person=learner, roles=set(), actor=lead)
    assert (
        progress.active_enrolment(learner=learner, programme=avholdt).status
        == Enrolment.Status.COMPLETED
    )


def test_a_role_lapses_with_the_membership(cohort, learner, lead, avholdt_modules):
    step = {m.order: m for m in avholdt_modules}
    set_roles(cohort=cohort, person=learner, roles={ModuleRole.RESOURCE_PERSON}, actor=lead)
    complete(learner, step[1], step[2], step[3], step[4])
    cohort.members.remove(learner)
    assert progress.missing_prerequisites(learner=learner, module=step[6]) == []


def test_the_programme_page_shows_the_module_as_optional_only_to_those_without_the_role(
    client, cohort, learner, colleagues, lead, avholdt
):
    set_roles(cohort=cohort, person=colleagues[0], roles={ModuleRole.RESOURCE_PERSON}, actor=lead)
    client.force_login(learner)
    page = client.get(avholdt.url).content.decode()
    assert "optional for you" in page and "0 of 6 modules completed" in page
    client.force_login(colleagues[0])
    page = client.get(avholdt.url).content.decode()
    assert "optional for you" not in page and "for the role: Resource person" in page
    assert "0 of 7 modules completed" in page


def test_the_cohort_leader_sets_roles_and_each_change_is_audited(
    client, cohort, learner, colleagues, lead
):
    client.force_login(learner)
    assert client.get(reverse("learners:team-roles", args=[cohort.pk])).status_code == 404
    client.force_login(lead)
    data = {
        f"role-{learner.pk}": [ModuleRole.RESOURCE_PERSON],
        f"role-{colleagues[0].pk}": [ModuleRole.LEADER],
    }
    response = client.post(reverse("learners:team-roles", args=[cohort.pk]), data)
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="cohort.role.added").count() == 2
    # The new leader may now set roles too; a role outside the choices is refused.
    client.force_login(colleagues[0])
    bad = {f"role-{learner.pk}": ["king"]}
    assert client.post(reverse("learners:team-roles", args=[cohort.pk]), bad).status_code == 200
    assert client.post(reverse("learners:team-roles", args=[cohort.pk]), {}).status_code == 302
    assert AuditEvent.objects.filter(action="cohort.role.removed").count() == 2


def test_the_module_page_tells_a_learner_without_the_role_it_is_optional(
    client, cohort, learner, colleagues, lead, avholdt_modules
):
    step = {m.order: m for m in avholdt_modules}
    set_roles(cohort=cohort, person=colleagues[0], roles={ModuleRole.RESOURCE_PERSON}, actor=lead)
    for person in (learner, colleagues[0]):
        complete(person, step[1], step[2], step[3], step[4])
    client.force_login(learner)
    page = client.get(step[5].url + "?continue=1").content.decode()
    assert "which you do not hold in your cohort: it is optional for you" in page
    client.force_login(colleagues[0])
    page = client.get(step[5].url + "?continue=1").content.decode()
    assert "it is optional for you" not in page


def test_the_course_certificate_asks_for_the_modules_the_learner_must_complete(
    cohort, learner, lead, avholdt, avholdt_modules
):
    """AvHoldt has no certification track: its course certificate follows the same rule
    as completion, so a learner without the role gets it without step 5."""
    complete(learner, *[m for m in avholdt_modules if m.order != 5])
    assert course_completed(learner=learner, programme=avholdt)
    set_roles(cohort=cohort, person=learner, roles={ModuleRole.RESOURCE_PERSON}, actor=lead)
    assert not course_completed(learner=learner, programme=avholdt)
