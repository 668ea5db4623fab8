"""Declarations the learner signs (recovery, a code of ethics, a degree), confirmed where
the track asks for it, and the peer track as NAADAC's NCPRSS sets it out."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from assessments.models import ExamPage
from cms.models import AuditEvent
from courses.models import ProgrammePage
from learners.certification import declarations, education
from learners.certification.eligibility import eligibility, evaluate_and_store
from learners.journey import progress
from learners.models import Declaration, EligibilitySnapshot, ExternalEducation, Supervision
from tests.factories import (
    AttemptFactory,
    CohortFactory,
    CompletedModuleFactory,
    UserFactory,
    make_lead,
)

PASSWORD = "correct horse battery staple"
SECRET = "Rusfri siden 3. mars 2021 etter behandling på Loland"


@pytest.fixture
def peer(db) -> ProgrammePage:
    return ProgrammePage.objects.get(content_key="peer-spezialist")


@pytest.fixture
def supervising(peer, supervisor, learner):
    return Supervision.objects.create(
        supervisor=supervisor, learner=learner, programme=peer,
        starts_on=timezone.localdate() - datetime.timedelta(days=30),
    )  # fmt: skip


def standing(learner, programme) -> dict:
    with translation.override("en"):
        return {i.key: i for i in eligibility(learner, programme).requirements}


def sign(client, learner, programme, key, **data):
    client.force_login(learner)
    url = reverse("learners:declaration-sign", args=[programme.pk, key])
    return client.post(url, {"detail": "", "password": PASSWORD, **data})


def test_a_self_attestation_and_a_signed_code_of_ethics_complete_their_requirements(
    client, learner, peer
):
    before = standing(learner, peer)
    assert not before["genesungserfahrung"].met
    assert before["ethikkodex"].url.endswith(f"/{peer.pk}/ethikkodex/")

    assert sign(client, learner, peer, "genesungserfahrung", detail=SECRET).status_code == 302
    assert sign(client, learner, peer, "ethikkodex").status_code == 302

    after = standing(learner, peer)
    assert after["genesungserfahrung"].met and after["ethikkodex"].met
    assert after["ethikkodex"].message.startswith("Declared and signed: Unterschriebener NAADAC")
    declaration = Declaration.objects.get(key="genesungserfahrung")
    assert declaration.health and declaration.detail == SECRET
    assert declaration.content_sha256 == declaration.content_hash()
    assert len(declaration.content_sha256) == 64
    assert AuditEvent.objects.filter(action="declaration.signed").count() == 2


def test_a_wrong_password_signs_nothing(client, learner, peer):
    response = sign(client, learner, peer, "ethikkodex", password="wrong one")
    assert response.status_code == 200
    assert not Declaration.objects.exists()
    assert not standing(learner, peer)["ethikkodex"].met


def test_a_declaration_the_track_leaves_to_the_supervisor_waits_for_them(
    client, learner, peer, supervisor, other_supervisor, supervising
):
    sign(client, learner, peer, "praxisjahr", detail="Seit 2024 im Café Neustart")
    item = standing(learner, peer)["praxisjahr"]
    assert not item.met and "waiting for your supervisor" in item.message
    declaration = Declaration.objects.get()

    client.force_login(other_supervisor)
    detail = reverse("learners:declaration", args=[declaration.pk])
    assert client.get(detail).status_code == 404
    confirm = reverse("learners:declaration-confirm", args=[declaration.pk])
    assert client.post(confirm).status_code == 404

    client.force_login(supervisor)
    waiting = client.get(reverse("learners:declarations")).content.decode()
    assert "Neustart" not in waiting and f'href="{detail}"' in waiting
    assert client.post(confirm).status_code == 302
    assert standing(learner, peer)["praxisjahr"].met
    assert AuditEvent.objects.filter(action="declaration.confirmed").count() == 1


def test_a_supervisor_cannot_confirm_what_the_track_leaves_to_administrators(
    learner, peer, supervisor, administrator, supervising, rf
):
    request = rf.post("/")
    request.session = {}
    declaration = declarations.sign(
        request, learner=learner, programme=peer, key="schulabschluss", detail="Abitur 2012",
        password=PASSWORD,
        evidence=SimpleUploadedFile("zeugnis.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )  # fmt: skip
    assert not declarations.is_confirmer(supervisor, declaration)
    declarations.confirm(declaration, by=administrator)
    assert standing(learner, peer)["schulabschluss"].met


def test_a_health_declaration_is_seen_only_by_the_learner_and_administrators(
    client, learner, peer, supervisor, lead, administrator, supervising
):
    sign(client, learner, peer, "genesungserfahrung", detail=SECRET)
    declaration = Declaration.objects.get()
    url = reverse("learners:declaration", args=[declaration.pk])
    for user, status in [(learner, 200), (administrator, 200), (supervisor, 404), (lead, 404)]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        assert (SECRET in response.content.decode()) == (status == 200)


def test_reports_and_exports_hold_only_met_or_not_met(client, learner, peer):
    sign(client, learner, peer, "genesungserfahrung", detail=SECRET)
    evaluate_and_store(learner=learner, programme=peer)
    stored = json.dumps(EligibilitySnapshot.objects.get(learner=learner).results)
    assert "genesungserfahrung" in stored and SECRET not in stored
    assert "2021" not in stored
    assert SECRET not in json.dumps(
        list(AuditEvent.objects.values("data", "target_repr")), default=str
    )


def test_the_text_of_a_health_declaration_is_erased_after_two_years(client, learner, peer):
    sign(client, learner, peer, "genesungserfahrung", detail=SECRET)
    later = timezone.now() + datetime.timedelta(days=731)
    assert declarations.erase_health_details(now=later) == 1
    declaration = Declaration.objects.get()
    assert declaration.detail == "" and declaration.erased_at is not None
    assert standing(learner, peer)["genesungserfahrung"].met
    assert declarations.erase_health_details(now=later) == 0


def test_the_peer_track_is_met_by_exactly_naadacs_requirements(
    client, learner, peer, supervisor, administrator, supervising
):
    with translation.override("en"):
        labels = " ".join(i.message for i in eligibility(learner, peer).requirements)
    naadac = [
        "GED", "zwei Jahre", "ein Jahr Vollzeit", "60 more hours of education in Peer-Recovery",
        "6 more hours of education in Ethik", "6 more hours of education in HIV",
        "at least 50 % needed", "NAADAC/NCC AP Ethikkodex",
    ]  # fmt: skip
    for words in naadac:
        assert words in labels
    for module in peer.modules():
        CompletedModuleFactory(learner=learner, module=module)
    exam = ExamPage.objects.get(content_key="peer-spezialist-pruefung")
    AttemptFactory(learner=learner, exam=exam, programme=peer, status="passed")
    for key in ("schulabschluss", "genesungserfahrung", "praxisjahr", "ethikkodex"):
        sign(client, learner, peer, key)
    for declaration in Declaration.objects.filter(confirmed_at__isnull=True).exclude(
        confirmation="none"
    ):
        declarations.confirm(declaration, by=administrator)
    assert not eligibility(learner, peer).eligible
    today = timezone.localdate()
    for hours, topics, face_to_face in [
        (48, "peer-recovery", True), (6, "ethik, peer-recovery", False),
        (6, "hiv, peer-recovery", False),
    ]:  # fmt: skip
        entry = ExternalEducation.objects.create(
            learner=learner, provider="EX-IN Hamburg", title=topics, date=today,
            hours=hours, topics=topics, face_to_face=face_to_face,
        )  # fmt: skip
        education.decide(entry, by=administrator, approve=True)
    result = eligibility(learner, peer)
    assert result.eligible, [i.message for i in result.missing]


def test_the_confirmation_queue_costs_the_same_for_few_or_many(
    client, peer, administrator, django_assert_max_num_queries
):
    for n in range(12):
        Declaration.objects.create(
            learner=UserFactory(username=f"peer{n}"), programme=peer, key="praxisjahr",
            statement="x", confirmation="supervisor", signed_at=timezone.now(),
            content_sha256="0" * 64,
        )  # fmt: skip
    client.force_login(administrator)
    # 12 rows (+1: the menu count, +1: the admin's active locale); one per row: 24+
    with django_assert_max_num_queries(22):
        response = client.get(reverse("learners:declarations"))
    assert response.content.decode().count("/certificates/declarations/") >= 12


def test_a_health_declaration_is_absent_from_the_cohort_report_and_its_exports(
    client, learner, lead, peer
):
    sign(client, learner, peer, "genesungserfahrung", detail=SECRET)
    cohort = CohortFactory(programme=peer, lead=lead, members=[learner])
    make_lead(lead, peer)
    progress.enrol(learner=learner, programme=peer, actor=lead, cohort=cohort)
    client.force_login(lead)
    pages = [
        client.get(reverse("learners:cohort-report", args=[cohort.pk])),
        client.get(reverse("learners:cohort-export", args=[cohort.pk])),
    ]
    assert [page.status_code for page in pages] == [200, 200]
    report = pages[0].content.decode()
    export = b"".join(pages[1].streaming_content).decode()  # the export is streamed
    assert learner.get_full_name() in report  # the report lists her
    assert SECRET not in report and SECRET not in export
