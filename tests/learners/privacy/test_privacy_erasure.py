"""An administrator erases a person: personal data goes, signed hours and certificates
stay verifiable with the name replaced, the audit chain still verifies and records the
erasure. Nobody else may erase, and a wrong confirmation changes nothing."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from assessments.models import Attempt
from cms import privacy
from cms.audit import record, verify_chain
from cms.models import AuditEvent, Notification
from courses.models import ProgrammeLead
from learners.dashboard.models import DashboardVisit
from learners.models import (
    Certificate,
    Declaration,
    Enrolment,
    ExternalEducation,
    HoursEntry,
    JournalEntry,
    SupervisorProfile,
)

from .conftest import KARI_SECRET

User = get_user_model()


def erase(client, administrator, person, confirmation=None):
    client.force_login(administrator)
    return client.post(
        reverse("privacy_erase", args=[person.pk]),
        {"confirmation": person.username if confirmation is None else confirmation},
    )


@pytest.fixture
def erased(client, administrator, learner, records):
    response = erase(client, administrator, learner)
    assert response.status_code == 302
    learner.refresh_from_db()
    return learner


def short_id() -> str:
    return AuditEvent.objects.get(action="person.erased").data["short_id"]


def test_the_account_is_anonymised_and_cannot_sign_in(erased, client):
    assert erased.username == f"erased-{short_id().lower()}"
    assert erased.get_full_name() == f"Erased person {short_id()}"
    assert (erased.email, erased.is_active, erased.has_usable_password()) == ("", False, False)
    assert not erased.groups.exists()
    assert not client.login(username="lene", password="praksis-demo")


def test_her_journal_and_learning_record_are_gone_and_kari_keeps_hers(erased, records, kari):
    assert not JournalEntry.objects.filter(learner=erased).exists()
    assert not Enrolment.objects.filter(learner=erased).exists()
    assert not Attempt.objects.filter(learner=erased).exists()
    assert not Notification.objects.filter(recipient=erased).exists()
    assert JournalEntry.objects.get(learner=kari).text == KARI_SECRET
    assert Attempt.objects.filter(learner=kari).count() == 1


def test_her_declarations_and_external_education_go_with_their_evidence_files(
    client, administrator, learner, records
):
    lene, kari = records["lene"], records["kari"]
    storage = lene["declaration"].evidence.storage
    files = [lene["declaration"].evidence.name, lene["education"].evidence.name]
    assert all(storage.exists(name) for name in files)
    assert erase(client, administrator, learner).status_code == 302
    assert not Declaration.objects.filter(learner=learner).exists()
    assert not ExternalEducation.objects.filter(learner=learner).exists()
    assert not any(storage.exists(name) for name in files)
    kept = Declaration.objects.get(pk=kari["declaration"].pk)
    assert kept.detail == f"{KARI_SECRET} (erklæring)" and storage.exists(kept.evidence.name)
    assert ExternalEducation.objects.filter(pk=kari["education"].pk).exists()


def test_a_leads_grants_and_dashboard_visit_are_exported_then_erased(
    client, administrator, lead, avholdt
):
    grant = ProgrammeLead.objects.create(user=lead, programme=avholdt, granted_by=administrator)
    record(actor=administrator, action="programme_lead.granted", target=grant)
    DashboardVisit.objects.create(user=lead, seen_at=grant.granted_at)
    data = dict(privacy.export_contents(lead))
    grants = json.loads(data["data/courses.ProgrammeLead.json"])["rows"]
    assert [(row["role"], row["programme_id"]) for row in grants] == [("lead", avholdt.pk)]
    assert len(json.loads(data["data/learners.DashboardVisit.json"])["rows"]) == 1
    made = dict(privacy.export_contents(administrator))["data/courses.ProgrammeLead.json"]
    assert [row["role"] for row in json.loads(made)["rows"]] == ["granted as administrator"]
    assert erase(client, administrator, lead).status_code == 302
    assert not ProgrammeLead.objects.filter(user=lead).exists()
    assert not DashboardVisit.objects.filter(user=lead).exists()
    assert AuditEvent.objects.filter(action="programme_lead.granted").count() == 1
    assert verify_chain().ok


def test_signed_hours_stay_with_their_signature_and_drafts_go(erased, records):
    approved = HoursEntry.objects.get(pk=records["lene"]["approved"].pk)
    assert approved.signature_intact
    assert approved.signer_licence_number == "HPR 9876543"
    assert not HoursEntry.objects.filter(pk=records["lene"]["draft"].pk).exists()
    assert HoursEntry.objects.filter(pk=records["kari"]["draft"].pk).exists()


def test_her_certificate_still_verifies_under_the_placeholder(erased, records, client):
    certificate = Certificate.objects.get(pk=records["lene"]["certificate"].pk)
    assert certificate.learner is None
    assert short_id() in certificate.learner_name
    assert "Lene" not in certificate.learner_name
    assert not certificate.pdf and certificate.credential == ""
    client.logout()
    page = client.get(reverse("verify", args=[certificate.verification_id]))
    assert page.status_code == 200
    assert short_id() in page.text and "Haugen" not in page.text
    assert certificate.state() == Certificate.State.VALID
    kari_certificate = Certificate.objects.get(pk=records["kari"]["certificate"].pk)
    assert kari_certificate.learner_name == "Kari Nordmann" and kari_certificate.pdf


def test_the_audit_chain_verifies_records_the_erasure_and_forgets_her_name(erased):
    assert verify_chain().ok
    event = AuditEvent.objects.get(action="person.erased")
    assert event.target_id == str(erased.pk)
    assert event.data["counts"]["learners.JournalEntry"] == 2  # the entry and its comment
    assert "Lene" not in str(event.data) and "Haugen" not in event.target_repr
    assert not AuditEvent.objects.filter(actor_username="lene").exists()
    assert not AuditEvent.objects.filter(target_repr__icontains="Lene Haugen").exists()
    # Events by her are still there, only without the personal fields. (Matched by actor:
    # a target id alone could be any model's row with the same number.)
    hers = AuditEvent.objects.filter(actor_id=erased.pk).exclude(action="person.erased")
    assert hers.exists() and not hers.filter(redacted_at__isnull=True).exists()


def test_erasing_a_supervisor_keeps_the_signatures_they_gave(client, administrator, records,
                                                             supervisor):  # fmt: skip
    response = erase(client, administrator, supervisor)
    assert response.status_code == 302
    signed = HoursEntry.objects.filter(signed_by=supervisor)
    assert signed.count() == 2
    for entry in signed:
        assert entry.signature_intact
        assert entry.signer_name.startswith("Erased person ")
        assert entry.signer_licence_number == "HPR 9876543"
    assert not SupervisorProfile.objects.filter(user=supervisor).exists()
    # The declarations and external education she confirmed are the learners' and stay.
    assert Declaration.objects.filter(confirmed_by=supervisor).count() == 2
    assert ExternalEducation.objects.filter(decided_by=supervisor).count() == 2
    assert verify_chain().ok


@pytest.mark.parametrize("typed", ["", "Lene", "lene ", "kari"])
def test_a_wrong_confirmation_changes_nothing(client, administrator, learner, records, typed):
    response = erase(client, administrator, learner, confirmation=typed)
    assert response.status_code == 400
    assert "Type the username exactly" in response.text or "required" in response.text
    learner.refresh_from_db()
    assert learner.username == "lene" and learner.is_active
    assert JournalEntry.objects.filter(learner=learner).exists()
    assert not AuditEvent.objects.filter(action="person.erased").exists()


def test_an_administrator_cannot_erase_themselves_or_erase_twice(client, administrator, learner):
    response = erase(client, administrator, administrator)
    assert response.status_code == 400 and "You cannot erase yourself" in response.text
    assert erase(client, administrator, learner).status_code == 302
    learner.refresh_from_db()
    again = erase(client, administrator, learner)
    assert again.status_code == 400
    assert AuditEvent.objects.filter(action="person.erased").count() == 1


def test_only_administrators_may_erase(client, learner, kari, supervisor, lead):
    url = reverse("privacy_erase", args=[kari.pk])
    for someone in (learner, supervisor, lead):
        client.force_login(someone)
        assert client.get(url).status_code == 404
        assert client.post(url, {"confirmation": "kari"}).status_code == 404
    client.logout()
    assert client.post(url, {"confirmation": "kari"}).status_code == 404
    kari.refresh_from_db()
    assert kari.is_active and kari.username == "kari"


def test_the_user_list_links_to_the_erasure_page(client, administrator, learner):
    client.force_login(administrator)
    listing = client.get(reverse("wagtailusers_users:index"))
    assert reverse("privacy_erase", args=[learner.pk]) in listing.text
    assert reverse("privacy_erase", args=[administrator.pk]) not in listing.text
    page = client.get(reverse("privacy_erase", args=[learner.pk]))
    assert page.status_code == 200 and "lene" in page.text


def test_an_open_session_of_the_erased_person_ends(client, administrator, learner, records):
    own = Client()
    own.force_login(learner)
    assert own.get(reverse("learners:dashboard")).status_code == 200
    assert erase(client, administrator, learner).status_code == 302
    assert own.get(reverse("learners:dashboard")).status_code == 302  # to the login page
