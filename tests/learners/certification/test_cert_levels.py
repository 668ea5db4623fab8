"""Levels: a programme offering several certification tracks, each with its own
checklist, certificate and renewal; a higher level may require the lower one held."""

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from courses.models import CertificationTrack, ProgrammePage, TrackRequirement
from learners.certification import certificates as domain
from learners.certification.eligibility import eligibility, evaluate_and_store, snapshots
from learners.journey.models import Enrolment
from learners.models import Certificate, EligibilitySnapshot
from tests.factories import CompletedModuleFactory

Kind = TrackRequirement.Kind
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def level(programme, key, name, order, rows, *, renewal_hours=0, issuing="approval"):
    track = CertificationTrack(
        programme=programme, key=key, name=name, sort_order=order, issuing=issuing,
        validity_months=24, renewal_hours=renewal_hours,
    )  # fmt: skip
    track.requirements = [
        TrackRequirement(kind=kind, key=k, amount=amount, label=label, sort_order=index)
        for index, (kind, k, amount, label) in enumerate(rows)
    ]
    track.save()
    return track


@pytest.fixture
def levels(avholdt, avholdt_modules):
    CertificationTrack.objects.filter(programme=avholdt).delete()
    first = avholdt_modules[0].content_key
    return (
        level(avholdt, "one", "Level I", 0, [(Kind.MODULE, first, None, "")]),
        level(
            avholdt, "two", "Level II", 1,
            [(Kind.LEVEL, "one", None, ""), (Kind.ATTESTATION, "master", None, "Master")],
            renewal_hours=8,
        ),
    )  # fmt: skip


def test_each_level_has_its_own_checklist_and_the_higher_needs_the_lower_held(
    learner, avholdt, avholdt_modules, levels
):
    CompletedModuleFactory(learner=learner, module=avholdt_modules[0])
    assert eligibility(learner, avholdt, "one").eligible
    two = eligibility(learner, avholdt, "two")
    assert not two.eligible
    with translation.override("en"):
        assert [r.message for r in two.missing][0] == (
            "Hold a current certificate of Level I first"
        )
    assert eligibility(learner, avholdt).track.key == "one"  # no level: the first


def test_a_learner_is_issued_per_level_and_the_levels_do_not_supersede_each_other(
    learner, administrator, avholdt, avholdt_modules, levels
):
    CompletedModuleFactory(learner=learner, module=avholdt_modules[0])
    with pytest.raises(domain.NotEligible):
        domain.issue_certificate(learner=learner, programme=avholdt, level="two")
    first = domain.issue_certificate(learner=learner, programme=avholdt, level="one")
    assert first.level == "one" and first.programme_title == f"{avholdt.title} · Level I"
    domain.confirm_attestation(
        learner=learner, programme=avholdt, key="master", actor=administrator,
        evidence=_pdf(),
    )  # fmt: skip
    [held] = [r for r in eligibility(learner, avholdt, "two").requirements if r.kind == "level"]
    assert held.met
    second = domain.issue_certificate(learner=learner, programme=avholdt, level="two")
    assert second.level == "two"
    achievements = [
        json.loads(c.credential_ld)["credentialSubject"]["achievement"] for c in (first, second)
    ]
    assert achievements[0]["id"] != achievements[1]["id"]
    assert achievements[1]["name"] == f"{avholdt.title} · Level II"
    first.refresh_from_db()
    assert first.state() == second.state() == Certificate.State.VALID
    assert domain.current_certificate(learner=learner, programme=avholdt, level="one") == first
    # Re-issuing a level supersedes only that level's certificate.
    again = domain.issue_certificate(learner=learner, programme=avholdt, level="one")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.superseded_by == again and second.state() == Certificate.State.VALID


def test_a_level_that_does_not_exist_issues_nothing(learner, avholdt, avholdt_modules, levels):
    CompletedModuleFactory(learner=learner, module=avholdt_modules[0])
    with pytest.raises(domain.NotEligible, match="no such level"):
        domain.issue_certificate(learner=learner, programme=avholdt, level="three")
    assert not Certificate.objects.filter(learner=learner).exists()


def test_renewal_follows_the_certificates_own_level(
    learner, administrator, avholdt, avholdt_modules, levels
):
    CompletedModuleFactory(learner=learner, module=avholdt_modules[0])
    first = domain.issue_certificate(learner=learner, programme=avholdt, level="one")
    assert domain.renewal_problems(first) == []  # level I asks no continuing education
    domain.confirm_attestation(
        learner=learner, programme=avholdt, key="master", actor=administrator,
        evidence=_pdf(),
    )  # fmt: skip
    second = domain.issue_certificate(learner=learner, programme=avholdt, level="two")
    [problem] = domain.renewal_problems(second)
    # Level II's 8 hours, less the module completed today (it counts as education).
    module_hours = Decimal(avholdt_modules[0].estimated_minutes) / 60
    assert Decimal(problem.split()[0]) == (8 - module_hours).quantize(Decimal("0.01"))
    renewed = domain.renew_certificate(certificate=first)
    assert renewed.level == "one" and renewed.kind == Certificate.Kind.RENEWAL


def test_every_level_is_stored_and_waits_for_approval_on_its_own(
    learner, avholdt, avholdt_modules, levels
):
    Enrolment.objects.create(learner=learner, programme=avholdt)
    CompletedModuleFactory(learner=learner, module=avholdt_modules[0])
    [waiting] = domain.awaiting_approval()
    assert (waiting.learner, waiting.level, waiting.level_name) == (learner, "one", "Level I")
    stored = snapshots(learner, [avholdt.pk])[avholdt.pk]
    assert [(s.level, s.name, s.eligible) for s in stored] == [
        ("one", "Level I", True), ("two", "Level II", False)
    ]  # fmt: skip
    domain.issue_certificate(learner=learner, programme=avholdt, level="one")
    evaluate_and_store(learner=learner, programme=avholdt)
    assert list(domain.stored_awaiting_approval()) == []
    assert EligibilitySnapshot.objects.filter(learner=learner).count() == 2


def test_the_administrator_issues_the_level_the_queue_names(
    client, administrator, learner, avholdt, avholdt_modules, levels
):
    Enrolment.objects.create(learner=learner, programme=avholdt)
    CompletedModuleFactory(learner=learner, module=avholdt_modules[0])
    client.force_login(administrator)
    html = client.get(reverse("learners:certificates-manage")).content.decode()
    assert "· Level I" in html and 'name="level" value="one"' in html
    client.post(
        reverse("learners:certificates-issue", args=[avholdt.pk, learner.pk]), {"level": "one"}
    )
    assert Certificate.objects.get(learner=learner).level == "one"


def test_the_programme_page_and_the_dashboard_show_each_levels_checklist(
    client, learner, avholdt, avholdt_modules, levels
):
    Enrolment.objects.create(learner=learner, programme=avholdt)
    client.force_login(learner)
    page = client.get(avholdt.url).content.decode()  # evaluates and stores every level
    dashboard = client.get(reverse("learners:dashboard")).content.decode()
    for html in (page, dashboard):
        assert html.index(">Level I</h4>") < html.index(">Level II</h4>")
        assert html.count('<ul class="checklist"') == 2


def test_the_counsellor_programme_offers_level_ii_after_icrc_aadc(db):
    counsellor = ProgrammePage.objects.get(content_key="rusradgiver")
    one, two = CertificationTrack.objects.filter(programme=counsellor).order_by("sort_order")
    assert (one.key, two.key) == ("adc", "aadc")
    rows = {(row.kind, row.key): row for row in two.requirements.all()}
    assert rows[(Kind.SUPERVISION_HOURS, "")].amount == 100
    assert rows[(Kind.EDUCATION, "rusfaglig")].amount == 180
    assert rows[(Kind.EDUCATION, "etikk")].amount == 6
    assert rows[(Kind.DECLARATION, "mastergrad")].confirmation == "administrator"
    assert rows[(Kind.DECLARATION, "veiledning-domener")].confirmation == "supervisor"
    assert (two.validity_months, two.renewal_hours) == (24, 40)
    # More supervision received than level I asks.
    [supervision] = one.requirements.filter(kind=Kind.SUPERVISION_HOURS)
    assert rows[(Kind.SUPERVISION_HOURS, "")].amount > supervision.amount


def _pdf():
    return SimpleUploadedFile("proof.pdf", PDF, content_type="application/pdf")
