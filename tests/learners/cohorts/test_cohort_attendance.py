"""Attendance: the register (htmx and without JavaScript), the "attended" completion
rule, attended hours, and the audit log."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cms.models import AuditEvent
from courses.models import ModulePage
from learners.cohorts import sessions
from learners.models import Attendance, ModuleProgress


def use_attended_rule(module):
    ModulePage.objects.filter(pk=module.pk).update(
        completion_rule=ModulePage.CompletionRule.ATTENDED
    )
    module.refresh_from_db()
    return module


def test_attendance_completes_a_module_whose_rule_is_attended(session, learner, lead):
    use_attended_rule(session.module)
    sessions.record_attendance(session=session, learner=learner, status="present", actor=lead)
    row = ModuleProgress.objects.get(learner=learner, module=session.module)
    assert row.attended_at is not None
    assert row.completed_at is not None


def test_correcting_present_to_absent_takes_the_completion_back(session, learner, lead):
    use_attended_rule(session.module)
    sessions.record_attendance(session=session, learner=learner, status="present", actor=lead)
    sessions.record_attendance(session=session, learner=learner, status="absent", actor=lead)
    row = ModuleProgress.objects.get(learner=learner, module=session.module)
    assert row.attended_at is None and row.completed_at is None


def test_absent_and_excused_do_not_count(session, learner, colleagues, lead):
    use_attended_rule(session.module)
    sessions.record_attendance(session=session, learner=learner, status="excused", actor=lead)
    sessions.record_attendance(session=session, learner=colleagues[0], status="absent", actor=lead)
    assert not ModuleProgress.objects.filter(completed_at__isnull=False).exists()


def test_the_register_saves_without_javascript(client, session, lead, learner, colleagues):
    use_attended_rule(session.module)
    client.force_login(lead)
    url = reverse("learners:session-register", args=[session.pk])
    page = client.get(url).content.decode()
    assert f'name="status-{learner.pk}"' in page
    assert 'type="submit"' in page
    response = client.post(
        url, {f"status-{learner.pk}": "present", f"status-{colleagues[0].pk}": "excused"}
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("learner_id", "status")) == {
        learner.pk: "present",
        colleagues[0].pk: "excused",
    }
    assert ModuleProgress.objects.get(learner=learner, module=session.module).completed_at


def test_the_register_saves_one_row_with_htmx(client, session, lead, learner):
    client.force_login(lead)
    url = reverse("learners:session-register", args=[session.pk])
    response = client.post(
        url, {"learner": learner.pk, f"status-{learner.pk}": "present"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="register-{learner.pk}">')
    assert 'value="present" checked' in html


def test_the_facilitator_may_take_the_register(client, session, supervisor, learner):
    session.facilitator = supervisor
    session.save(update_fields=["facilitator"])
    client.force_login(supervisor)
    url = reverse("learners:session-register", args=[session.pk])
    assert client.get(url).status_code == 200


def test_someone_outside_the_cohort_cannot_be_marked(session, lead, other_supervisor):
    import pytest

    with pytest.raises(ValueError):
        sessions.record_attendance(
            session=session, learner=other_supervisor, status="present", actor=lead
        )


def test_attendance_changes_are_audited(session, learner, lead):
    sessions.record_attendance(session=session, learner=learner, status="absent", actor=lead)
    sessions.record_attendance(session=session, learner=learner, status="present", actor=lead)
    sessions.record_attendance(session=session, learner=learner, status="present", actor=lead)
    events = AuditEvent.objects.filter(action="attendance.recorded").order_by("pk")
    assert [(e.data["previous"], e.data["status"]) for e in events] == [
        ("", "absent"),
        ("absent", "present"),
    ]
    assert all(e.actor == lead for e in events)


def test_attended_hours_count_the_planned_duration_per_topic(
    session, learner, colleagues, lead, avholdt
):
    sessions.record_attendance(session=session, learner=learner, status="present", actor=lead)
    sessions.record_attendance(session=session, learner=colleagues[0], status="absent", actor=lead)
    hours = sessions.attended_hours([learner.pk, colleagues[0].pk], avholdt)
    assert hours == {learner.pk: {session.module_id: Decimal("1.50")}, colleagues[0].pk: {}}


def test_membership_changes_in_the_admin_are_audited(client, lead, cohort, colleagues):
    from learners.cohorts.admin import CohortViewSet
    from learners.cohorts.forms import CohortForm

    form_class = CohortViewSet().get_form_class(for_update=True)
    assert issubclass(form_class, CohortForm)
    from learners.cohorts import access as cohorts

    before = cohorts.membership(cohort)
    cohort.members.remove(colleagues[0])
    cohorts.record_membership_changes(cohort=cohort, actor=lead, before=before)
    event = AuditEvent.objects.get(action="cohort.members.removed")
    assert event.data == {"user": colleagues[0].pk} and event.actor == lead


def test_the_admin_form_records_who_was_added(client, administrator, cohort, roles):
    from tests.factories import UserFactory

    newcomer = UserFactory(username="nina")
    client.force_login(administrator)
    url = f"/admin/snippets/learners/cohort/edit/{cohort.pk}/"
    data = {
        "organisation": cohort.organisation_id,
        "programme": cohort.programme_id,
        "name": cohort.name,
        "lead": cohort.lead_id,
        "members": [*cohort.members.values_list("pk", flat=True), newcomer.pk],
        "supervisors": [],
        "deadlines-TOTAL_FORMS": 0,
        "deadlines-INITIAL_FORMS": 0,
        "deadlines-MIN_NUM_FORMS": 0,
        "deadlines-MAX_NUM_FORMS": 1000,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="cohort.members.added")
    assert event.data == {"user": newcomer.pk} and event.actor == administrator


@pytest.mark.parametrize("value", ["abc", "9" * 30, "²", "1.5", "-1"])
def test_the_register_refuses_a_learner_that_is_not_an_id_and_changes_nothing(
    client, session, lead, learner, value
):
    client.force_login(lead)
    url = reverse("learners:session-register", args=[session.pk])
    for headers in ({}, {"HX-Request": "true"}):
        response = client.post(
            url, {"learner": value, f"status-{learner.pk}": "present"}, headers=headers
        )
        assert response.status_code == 404
    assert not Attendance.objects.exists()
