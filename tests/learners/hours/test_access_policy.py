"""The first scenario of issue 10, tried as a tester would: a member of *Programme
leads* who leads nothing tries to make themselves a learner's supervisor, invent a
licence and sign the learner's hours. Every step is refused and nothing changes. Then
the same rules for a lead of another programme, and for the administrator's grants."""

import pytest
from django.urls import reverse

from cms.access import PROGRAMME_LEADS, led_programme_ids
from cms.models import AuditEvent
from courses.models import ProgrammeLead
from learners.journey import progress
from learners.models import HoursEntry, Supervision, SupervisorProfile
from tests.factories import UserFactory, make_lead

from .conftest import PASSWORD, log_hours


def snippet_url(model: str, view: str, *args) -> str:
    return reverse(f"wagtailsnippets_learners_{model}:{view}", args=args)


@pytest.fixture
def submitted(learner, counselling):
    return log_hours(learner, counselling, status="submitted")


@pytest.fixture
def nobody(roles):
    """In *Programme leads*, but no administrator granted them a programme."""
    return UserFactory(username="nils", groups=[roles[PROGRAMME_LEADS]])


def test_a_lead_of_nothing_is_refused_at_every_step(client, nobody, learner, submitted):
    programme = submitted.programme
    assert list(led_programme_ids(nobody)) == []
    client.force_login(nobody)

    # 1. Add a Supervision: learner A, themselves, A's programme.
    response = client.post(
        snippet_url("supervision", "add"),
        {
            "learner": learner.pk,
            "supervisor": nobody.pk,
            "programme": programme.pk,
            "starts_on": "2020-01-01",
            "ends_on": "",
        },
    )
    assert response.status_code == 200  # the form again, with its errors
    errors = response.context["form"].errors
    assert {"learner", "supervisor", "programme"} <= set(errors)
    assert not Supervision.objects.filter(supervisor=nobody).exists()

    # 2. Add a SupervisorProfile with an invented licence number.
    response = client.post(
        snippet_url("supervisorprofile", "add"),
        {"user": nobody.pk, "credential": "Psykolog", "licence_number": "INVENTED-1"},
    )
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or "/admin/" in response["Location"]
    assert not SupervisorProfile.objects.filter(user=nobody).exists()

    # 3. Sign A's entry with their own password.
    response = client.post(
        reverse("learners:signoff"),
        {"entries": submitted.pk, "decision": "approve", "password": PASSWORD},
    )
    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == HoursEntry.Status.SUBMITTED
    assert submitted.signed_by_id is None

    # The same person sees none of the programme's supervisions, profiles or categories.
    real = Supervision.objects.get(learner=learner)
    for url in (
        snippet_url("supervision", "edit", real.pk),
        snippet_url("supervision", "delete", real.pk),
        snippet_url("practicecategory", "edit", submitted.category_id),
    ):
        assert client.get(url).status_code == 404, url
    listing = client.get(snippet_url("supervision", "list")).content.decode()
    assert learner.get_full_name() not in listing


def test_a_lead_assigns_supervisors_only_in_their_programme_and_never_themselves(
    client, lead, learner, supervisor, submitted, avholdt
):
    programme = submitted.programme
    make_lead(lead, avholdt)
    client.force_login(lead)
    form = {
        "learner": learner.pk,
        "supervisor": supervisor.pk,
        "programme": programme.pk,
        "starts_on": "2026-01-01",
        "ends_on": "",
    }
    # A lead of AvHoldt may not assign in rusrådgiver.
    response = client.post(snippet_url("supervision", "add"), form)
    assert "programme" in response.context["form"].errors
    # Granted rusrådgiver and with the learner enrolled there, they may; never themselves.
    make_lead(lead, programme)
    progress.enrol(learner=learner, programme=programme, actor=lead)
    response = client.post(snippet_url("supervision", "add"), {**form, "supervisor": lead.pk})
    assert "supervisor" in response.context["form"].errors
    response = client.post(snippet_url("supervision", "add"), form)
    assert response.status_code == 302
    created = Supervision.objects.filter(learner=learner, starts_on="2026-01-01").get()
    assert created.assigned_by == lead
    assert AuditEvent.objects.filter(action="supervision.assigned", target_id=str(created.pk))


def test_only_administrators_keep_licences_and_never_their_own(
    client, lead, administrator, supervisor, submitted
):
    make_lead(lead, submitted.programme)
    profile = SupervisorProfile.objects.get(user=supervisor)
    client.force_login(lead)
    # The lead reads the profile of a supervisor in their programme, but cannot change it.
    assert client.get(snippet_url("supervisorprofile", "list")).status_code == 200
    response = client.post(
        snippet_url("supervisorprofile", "edit", profile.pk),
        {"user": supervisor.pk, "credential": "X", "licence_number": "X"},
    )
    assert response.status_code in (302, 403) and response.status_code != 200
    profile.refresh_from_db()
    assert profile.licence_number != "X"

    client.force_login(administrator)
    response = client.post(
        snippet_url("supervisorprofile", "edit", profile.pk),
        {"user": supervisor.pk, "credential": profile.credential, "licence_number": "HPR-42"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="supervisor_profile.changed")
    assert event.data["licence_number"][1] == "HPR-42"
    # An administrator who supervises cannot keep their own licence.
    own = SupervisorProfile.objects.create(
        user=administrator, credential="Lege", licence_number="1"
    )
    assert client.get(snippet_url("supervisorprofile", "edit", own.pk)).status_code == 404


def test_only_administrators_grant_programme_leads_and_it_is_audited(
    client, lead, administrator, avholdt
):
    url = reverse("wagtailsnippets_courses_programmelead:add")
    client.force_login(lead)
    response = client.post(url, {"user": lead.pk, "programme": avholdt.pk})
    assert response.status_code in (302, 403)
    assert not ProgrammeLead.objects.exists()
    assert avholdt.pk not in set(led_programme_ids(lead))

    client.force_login(administrator)
    response = client.post(url, {"user": lead.pk, "programme": avholdt.pk})
    assert response.status_code == 302
    grant = ProgrammeLead.objects.get()
    assert grant.granted_by == administrator
    assert avholdt.pk in set(led_programme_ids(lead))
    assert AuditEvent.objects.filter(action="programme_lead.granted").count() == 1

    delete = reverse("wagtailsnippets_courses_programmelead:delete", args=[grant.pk])
    assert client.post(delete).status_code == 302
    assert avholdt.pk not in set(led_programme_ids(lead))
    assert AuditEvent.objects.filter(action="programme_lead.revoked").count() == 1
