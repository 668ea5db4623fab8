"""Four eyes on programme pages: leads do not publish; a change goes through the
*Programme review* workflow, where its submitter (and the author of the revision) cannot
approve it, and only an administrator or a lead of that programme can."""

import pytest
from django.urls import reverse

from cms.access import PROGRAMME_LEADS
from cms.review import FourEyesApprovalTask
from courses.models import ModulePage, ProgrammePage
from tests.factories import UserFactory, make_lead


@pytest.fixture
def submitted_change(roles, lead, avholdt):
    make_lead(lead, avholdt)
    module = ModulePage.objects.get(content_key="avholdt-01").specific
    module.title = "Endret av leder"
    module.save_revision(user=lead)
    workflow = module.get_workflow()
    workflow.start(module, user=lead)
    module.refresh_from_db()
    return module


def test_the_submitter_cannot_approve_but_a_co_lead_and_an_administrator_can(
    client, roles, lead, administrator, avholdt, submitted_change
):
    co_lead = UserFactory(username="kari", groups=[roles[PROGRAMME_LEADS]])
    make_lead(co_lead, avholdt)
    elsewhere = UserFactory(username="per", groups=[roles[PROGRAMME_LEADS]])
    make_lead(elsewhere, ProgrammePage.objects.get(content_key="rusradgiver"))
    state = submitted_change.current_workflow_state
    task = state.current_task_state.task.specific
    assert isinstance(task, FourEyesApprovalTask)

    assert task.get_actions(submitted_change, lead) == []
    assert task.get_actions(submitted_change, elsewhere) == []
    assert "approve" in [name for name, *_ in task.get_actions(submitted_change, co_lead)]
    assert "approve" in [name for name, *_ in task.get_actions(submitted_change, administrator)]
    assert not task.get_task_states_user_can_moderate(lead).exists()
    assert not task.get_task_states_user_can_moderate(elsewhere).exists()
    assert task.get_task_states_user_can_moderate(co_lead).exists()

    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[submitted_change.pk, "approve", state.current_task_state.pk],
    )
    for person in (lead, elsewhere):
        client.force_login(person)
        response = client.post(url)
        # Wagtail answers "permission denied" by sending the person to the admin's home.
        assert response.status_code == 302 and response["Location"] == "/admin/"
    submitted_change.refresh_from_db()
    assert submitted_change.title != "Endret av leder"

    client.force_login(co_lead)
    assert client.post(url).status_code == 302
    submitted_change.refresh_from_db()
    assert submitted_change.title == "Endret av leder"
    assert submitted_change.live_revision.user == lead


def test_a_lead_cannot_publish_directly(roles, lead, avholdt):
    make_lead(lead, avholdt)
    exam_parent = ModulePage.objects.get(content_key="avholdt-01")
    assert exam_parent.permissions_for_user(lead).can_edit()
    assert not exam_parent.permissions_for_user(lead).can_publish()
    assert not avholdt.permissions_for_user(lead).can_publish()
