"""A module that asks a leader's sign-off (in content/: the protocol's implementation
module; here AvHoldt's step 1, set to ask one) counts as completed only once a leader of
the learner's cohort signed it off: the learner finishes it, it waits in the leaders'
queue, a leader signs it off or returns it with a comment."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms.events import module_completed
from cms.models import AuditEvent
from courses.models import ModulePage, ModuleRole
from learners.cohorts.models import Cohort
from learners.cohorts.roles import set_roles
from learners.journey import progress, signoff, signoff_decisions
from learners.journey.models import ModuleProgress, ModuleSignoff
from tests.factories import UserFactory

Status = ModuleSignoff.Status


@pytest.fixture
def step1(avholdt_modules):
    module = next(m for m in avholdt_modules if m.order == 1)
    ModulePage.objects.filter(pk=module.pk).update(signoff=ModuleRole.LEADER)
    module.refresh_from_db()
    return module


def test_the_protocols_implementation_module_asks_a_leaders_sign_off(db):
    module = ModulePage.objects.get(content_key="rusmiddelprotokol-06")
    assert module.signoff == ModuleRole.LEADER and signoff.needed(module)


@pytest.fixture
def ward_leader(cohort, colleagues, lead):
    person = colleagues[0]
    set_roles(cohort=cohort, person=person, roles={ModuleRole.LEADER}, actor=lead)
    return person


def waiting(learner, module) -> ModuleSignoff:
    return ModuleSignoff.objects.get(learner=learner, module=module, status=Status.WAITING)


def test_finishing_the_module_waits_for_a_leader(cohort, learner, step1):
    state = progress.mark_done(learner=learner, module=step1)
    assert state.completed_at is None
    request = waiting(learner, step1)
    assert request.cohort == cohort
    assert AuditEvent.objects.filter(action="module.signoff.requested").exists()
    # Marking it not done takes it out of the queue again.
    progress.mark_done(learner=learner, module=step1, done=False)
    assert not ModuleSignoff.objects.filter(learner=learner).exists()


def test_a_leader_signs_off_and_the_module_completes(
    cohort, learner, ward_leader, step1, django_capture_on_commit_callbacks
):
    progress.mark_done(learner=learner, module=step1)
    request = waiting(learner, step1)
    assert list(signoff.queue(ward_leader)) == [request]
    heard = []
    module_completed.connect(lambda **kw: heard.append(kw["completed"]), weak=False)
    with django_capture_on_commit_callbacks(execute=True):
        signoff_decisions.sign_off(request=request, actor=ward_leader)
    assert heard == [True]
    assert ModuleProgress.objects.get(learner=learner, module=step1).completed_at is not None
    assert AuditEvent.objects.filter(action="module.signoff.signed").exists()
    assert mail.outbox and "signed off" in mail.outbox[-1].subject
    with pytest.raises(signoff_decisions.AlreadyDecided):
        signoff_decisions.sign_off(request=request, actor=ward_leader)


def test_a_returned_module_stays_open_until_asked_again_and_signed(
    client, cohort, learner, lead, step1, django_capture_on_commit_callbacks
):
    progress.mark_done(learner=learner, module=step1)
    with django_capture_on_commit_callbacks(execute=True):
        signoff_decisions.return_for_work(
            request=waiting(learner, step1), actor=lead, comment="Ta med ledergruppen."
        )
    assert "Ta med ledergruppen." in mail.outbox[-1].body
    assert ModuleProgress.objects.get(learner=learner, module=step1).completed_at is None
    # Finishing again does not re-queue by itself: the learner asks.
    progress.mark_done(learner=learner, module=step1)
    assert not ModuleSignoff.objects.waiting().exists()
    client.force_login(learner)
    page = client.get(step1.url)
    assert "Ta med ledergruppen." in page.text
    client.post(reverse("learners:module-signoff-ask", args=[step1.pk]))
    signoff_decisions.sign_off(request=waiting(learner, step1), actor=lead)
    assert ModuleProgress.objects.get(learner=learner, module=step1).completed_at is not None


def test_asking_again_before_finishing_is_refused(client, cohort, learner, step1):
    client.force_login(learner)
    response = client.post(reverse("learners:module-signoff-ask", args=[step1.pk]), follow=True)
    assert "Finish the module first" in response.text
    assert not ModuleSignoff.objects.exists()


def test_the_waiting_state_shows_on_module_and_programme_pages(
    client, cohort, learner, avholdt, step1
):
    progress.mark_done(learner=learner, module=step1)
    client.force_login(learner)
    assert "Waiting for a leader" in client.get(step1.url).text
    assert "waiting for a leader" in client.get(avholdt.url).text


def test_only_the_cohorts_leaders_decide(
    client, cohort, learner, colleagues, ward_leader, outsider_leader, administrator, step1
):
    progress.mark_done(learner=learner, module=step1)
    request = waiting(learner, step1)
    url = reverse("learners:module-signoff", args=[request.pk])
    for person in (learner, colleagues[1], outsider_leader):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"decision": "sign-off"}).status_code == 404
        assert request not in signoff.queue(person)
    assert request in signoff.queue(administrator)
    client.force_login(ward_leader)
    assert client.get(url).status_code == 200
    assert waiting(learner, step1) == request


def test_a_leader_never_signs_off_their_own_module(cohort, ward_leader, step1):
    progress.mark_done(learner=ward_leader, module=step1)
    request = waiting(ward_leader, step1)
    assert request not in signoff.queue(ward_leader)
    assert not signoff.may_decide(ward_leader, request)


def test_returning_needs_a_comment_and_changes_nothing_without(
    client, cohort, learner, ward_leader, step1
):
    progress.mark_done(learner=learner, module=step1)
    request = waiting(learner, step1)
    client.force_login(ward_leader)
    url = reverse("learners:module-signoff", args=[request.pk])
    response = client.post(url, {"decision": "return", "comment": "  "})
    assert response.status_code == 200
    assert "Write what the learner should do" in response.text
    assert waiting(learner, step1) == request
    client.post(url, {"decision": "sign-off"})
    assert ModuleSignoff.objects.get(pk=request.pk).status == Status.SIGNED_OFF


def test_the_queue_costs_the_same_for_one_or_many(
    client, cohort, learner, colleagues, ward_leader, step1, django_assert_max_num_queries
):
    client.force_login(ward_leader)
    progress.mark_done(learner=learner, module=step1)
    with django_assert_max_num_queries(QUEUE_BUDGET):
        page = client.get(reverse("learners:module-signoffs")).text
    assert (learner.get_full_name() or learner.username) in page
    for person in colleagues[1:]:
        progress.mark_done(learner=person, module=step1)
    for n in range(30):
        extra = UserFactory(username=f"deltaker{n}")
        cohort.members.add(extra)
        progress.mark_done(learner=extra, module=step1)
    with django_assert_max_num_queries(QUEUE_BUDGET):
        response = client.get(reverse("learners:module-signoffs"))
    assert "Page 1 of 2" in response.text


QUEUE_BUDGET = 17


@pytest.fixture
def outsider_leader(clinic, avholdt, lead):
    """The leader of another cohort of the same programme."""
    person = UserFactory(username="annen-leder")
    other = Cohort.objects.create(organisation=clinic, programme=avholdt, name="AvHoldt 2027")
    other.members.add(person)
    set_roles(cohort=other, person=person, roles={ModuleRole.LEADER}, actor=lead)
    return person


def test_a_completion_from_before_the_sign_off_stands(cohort, learner, step1):
    ModuleProgress.objects.create(
        learner=learner, module=step1, marked_done_at=timezone.now(), completed_at=timezone.now()
    )
    state = progress.record_view(learner=learner, module=step1)
    assert state.completed_at is not None
    assert not ModuleSignoff.objects.exists()


def test_the_leaders_dashboard_lists_waiting_sign_offs(client, cohort, learner, ward_leader, step1):
    progress.mark_done(learner=learner, module=step1)
    client.force_login(ward_leader)
    page = client.get(reverse("learners:dashboard")).text
    assert reverse("learners:module-signoff", args=[waiting(learner, step1).pk]) in page
