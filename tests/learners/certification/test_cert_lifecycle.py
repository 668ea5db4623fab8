"""Issuing, the PDF, public verification, the signed credential, revocation, re-issue,
renewal, reminders and bulk export."""

import datetime
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import jsonschema
import jwt
import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from cms.languages import set_person_language
from cms.models import AuditEvent
from learners.certification import certificates as domain
from learners.certification import credentials, linked_data
from learners.certification import pdf as certificate_pdf
from learners.models import Certificate, CertificateExport
from tests.factories import CompletedModuleFactory, certification_track
from tests.spreadsheet_checks import assert_csv_safe

SCHEMA = (
    Path(settings.BASE_DIR)
    / "learners"
    / "certification"
    / "schemas"
    / "ob_v3p0_achievementcredential_schema.json"
)


@pytest.fixture
def track(avholdt, avholdt_modules):
    return certification_track(avholdt, rows=[("module", avholdt_modules[0].content_key, None, "")])


@pytest.fixture
def certificate(learner, avholdt, avholdt_modules, administrator, track):
    learner.first_name, learner.last_name = "Lene", "Haugen"
    learner.save()
    CompletedModuleFactory(learner=learner, module=avholdt_modules[0])
    return domain.issue_certificate(learner=learner, programme=avholdt, actor=administrator)


def test_a_learner_who_is_not_eligible_gets_no_certificate(learner, avholdt, track):
    with pytest.raises(ValidationError, match="Complete module"):
        domain.issue_certificate(learner=learner, programme=avholdt)


def test_a_certificate_copies_what_it_says_and_has_a_long_random_code(certificate, avholdt):
    assert certificate.learner_name == "Lene Haugen"
    assert certificate.programme_title == avholdt.title
    assert certificate.serial.startswith("PRK-")
    assert len(certificate.verification_id) >= 22  # 144 bits, URL-safe base64
    assert certificate.expires_on == domain.add_months(certificate.issued_on, 24)
    assert AuditEvent.objects.filter(action="certificate.issued").count() == 1


def test_the_pdf_holds_name_programme_serial_and_verification_url(certificate):
    with certificate.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = " ".join(page.extract_text().split())
    for expected in ("Lene Haugen", certificate.programme_title, certificate.serial,
                     certificate.verification_url()):  # fmt: skip
        assert expected in text


def test_the_pdf_is_tagged_pdf_a_3b_with_metadata_and_the_credentials_inside(certificate):
    with certificate.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    info = reader.metadata
    assert info.title == f"{certificate.programme_title} · Lene Haugen"
    assert info.author == certificate.organisation_name
    assert info.creation_date is not None
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert root["/Lang"] == certificate.language
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert "<dc:title>" in xmp and "<xmp:CreateDate>" in xmp
    files = reader.attachments
    assert files[f"{certificate.serial}.jwt"] == [certificate.credential.encode()]
    assert files[f"{certificate.serial}.json"] == [certificate.credential_ld.encode()]
    figures = [
        element.get("/Alt")
        for element in structure_elements(root["/StructTreeRoot"])
        if element.get("/S") == "/Figure"
    ]
    with translation.override(certificate.language):
        assert gettext("QR code to the verification page") in figures


def structure_elements(node):
    """Every structure element below a node of the PDF's structure tree."""
    node = node.get_object()
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and "/S" in kid:
            yield kid
            yield from structure_elements(kid)


def test_the_pdf_is_rendered_once_and_kept(certificate):
    name = certificate.pdf.name
    certificate.refresh_from_db()
    assert certificate.pdf.name == name


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "https://evil.example/logo.png", "http://127.0.0.1:8000/media/x.png",
     "ftp://testserver/media/x.png"],
)  # fmt: skip
def test_the_url_fetcher_refuses_files_other_hosts_and_schemes(url):
    with pytest.raises(certificate_pdf.RefusedFetch):
        certificate_pdf.certificate_url_fetcher(url)


def test_a_file_image_never_reaches_the_pdf(certificate, caplog, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not an image")
    html = f'<html><body><p>x</p><img src="file://{secret}"></body></html>'
    pdf = certificate_pdf.render_pdf(certificate, html=html)
    assert pdf.startswith(b"%PDF")
    assert "refused to fetch file://" in caplog.text


def verify(client, code):
    return client.get(reverse("verify", args=[code]), HTTP_ACCEPT_LANGUAGE="en")


def test_verification_shows_a_valid_certificate_without_personal_detail(client, certificate):
    page = verify(client, certificate.verification_id).content.decode()
    assert "This certificate is valid." in page
    assert "Lene Haugen" in page and certificate.programme_title in page
    assert certificate.learner.email not in page
    assert certificate.learner.username not in page


def test_verification_of_an_expired_certificate(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=datetime.date(2020, 1, 1))
    assert (
        "This certificate expired on"
        in verify(client, certificate.verification_id).content.decode()
    )


def test_verification_of_an_unknown_code_is_a_plain_not_found(client, db):
    response = verify(client, "no-such-code")
    assert response.status_code == 404
    assert "No certificate has this verification code." in response.content.decode()


def test_verification_is_rate_limited_per_address(client, certificate, settings):
    settings.VERIFY_RATE_LIMIT = 3
    codes = [verify(client, certificate.verification_id).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_revocation_shows_on_the_verify_page_and_in_the_status_list(
    client, certificate, administrator
):
    before = status_bit(client, certificate)
    domain.revoke_certificate(
        certificate=certificate, actor=administrator, reason="Forged evidence"
    )
    page = verify(client, certificate.verification_id).content.decode()
    assert "This certificate was revoked on" in page and "Forged evidence" in page
    assert (before, status_bit(client, certificate)) == (False, True)
    assert AuditEvent.objects.filter(action="certificate.revoked").exists()


def test_revoking_needs_a_reason(certificate, administrator):
    with pytest.raises(ValidationError):
        domain.revoke_certificate(certificate=certificate, actor=administrator, reason=" ")


def test_a_reissue_supersedes_and_keeps_the_old_certificate(client, certificate, administrator):
    new = domain.issue_certificate(
        learner=certificate.learner, programme=certificate.programme, actor=administrator
    )
    certificate.refresh_from_db()
    assert certificate.superseded_by == new and new.kind == "reissue"
    assert Certificate.objects.count() == 2
    assert new.pdf.name != certificate.pdf.name
    page = verify(client, certificate.verification_id).content.decode()
    assert "replaced by a newer certificate" in page and new.serial in page
    # Verifiers stop accepting it (revocation list); the suspension list says why.
    assert status_bit(client, certificate, "revocation") and not status_bit(client, new)
    assert status_bit(client, certificate, "suspension")
    assert not status_bit(client, new, "suspension")
    assert AuditEvent.objects.filter(action="certificate.reissued").exists()


def test_renewal_needs_continuing_education_and_gives_new_dates(
    certificate, avholdt_modules, track, administrator
):
    track.renewal_hours = Decimal(1)
    track.save()
    with pytest.raises(ValidationError, match="more hours of continuing education"):
        domain.renew_certificate(certificate=certificate, actor=administrator)
    CompletedModuleFactory(
        learner=certificate.learner, module=avholdt_modules[1]
    )  # 45 + 45 minutes since issue
    later = certificate.issued_on + datetime.timedelta(days=300)
    renewed = domain.renew_certificate(certificate=certificate, actor=administrator, today=later)
    certificate.refresh_from_db()
    assert renewed.issued_on == later and renewed.kind == "renewal"
    assert certificate.superseded_by == renewed


# --- the signed credential -------------------------------------------------------------


def key_for(client, token):
    """The key a verifier finds: the header's ``kid`` is the JWK's own address, and the
    published set holds a key with exactly that ``kid``."""
    kid = jwt.get_unverified_header(token)["kid"]
    jwks = client.get(reverse("credential-jwks")).json()
    assert [key["kid"] for key in jwks["keys"]].count(kid) == 1
    own = client.get(kid.removeprefix("http://testserver")).json()
    assert own["kid"] == kid and "d" not in own
    return jwt.PyJWK(own).key


def download(client, certificate):
    client.force_login(certificate.learner)
    response = client.get(reverse("learners:certificate-credential", args=[certificate.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_credential_verifies_with_the_key_its_kid_names(client, certificate):
    token = download(client, certificate)
    assert jwt.get_unverified_header(token)["alg"] == "ES256"
    claims = jwt.decode(
        token, key_for(client, token), algorithms=["ES256"], options={"verify_sub": False}
    )
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["credentialSubject"]["identifier"][0]["identityHash"] == "Lene Haugen"
    assert claims["iss"] == claims["issuer"]["id"] == credentials.issuer_id()
    assert claims["sub"] == claims["credentialSubject"]["id"]
    assert claims["jti"] == claims["id"]
    assert claims["nbf"] == int(certificate.valid_from().timestamp())
    assert claims["exp"] == int(certificate.valid_until().timestamp())
    issuer = client.get(reverse("credential-issuer")).json()
    assert issuer["id"] == claims["iss"] and "Profile" in issuer["type"]


def test_validity_is_the_moment_of_issue_and_the_end_of_the_expiry_day(certificate):
    assert certificate.issued_at is not None
    assert certificate.valid_from() == certificate.issued_at.replace(microsecond=0)
    local_end = certificate.valid_until().astimezone(timezone.get_current_timezone())
    assert local_end.date() == certificate.expires_on + datetime.timedelta(days=1)
    assert (local_end.hour, local_end.minute, local_end.second) == (0, 0, 0)


def test_the_credential_matches_the_official_open_badges_schema(client, certificate):
    token = download(client, certificate)
    credential = jwt.decode(token, options={"verify_signature": False})
    signed = json.loads(certificate.credential_ld)
    schema = json.loads(SCHEMA.read_text())
    assert schema["title"] == "JSON Schema for the AchievementCredential class."
    validator = jsonschema.Draft201909Validator(
        schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )
    validator.validate(credential)
    validator.validate(signed)
    assert not validator.is_valid({**signed, "credentialSchema": signed["credentialSchema"][0]})
    assert not validator.is_valid({**signed, "credentialStatus": [signed["credentialStatus"]]})


@pytest.mark.parametrize(
    "change",
    [
        lambda vc: vc["credentialSubject"]["identifier"][0].update(identityHash="Someone Else"),
        lambda vc: vc.update(name="Another programme"),
        lambda vc: vc.update(validUntil="2099-01-01T00:00:00Z"),
        lambda vc: vc["credentialStatus"].update(statusListIndex="0"),
        lambda vc: vc["issuer"].update(name="Other issuer"),
    ],
)
def test_the_credential_fails_after_any_change(client, certificate, change):
    token = download(client, certificate)
    header, payload, signature = token.split(".")
    claims = json.loads(credentials.b64url_decode(payload))
    change(claims)
    forged = ".".join(
        [header, credentials.b64url(json.dumps(claims, separators=(",", ":")).encode()), signature]
    )
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(forged, key_for(client, token), algorithms=["ES256"])
    signed = json.loads(certificate.credential_ld)
    multibase = signed["proof"][0]["verificationMethod"].split("#")[1]
    assert linked_data.verify_proof(signed, multibase)
    change(signed)
    assert not linked_data.verify_proof(signed, multibase)


def status_bit(client, certificate, purpose="revocation") -> bool:
    url = credentials.status_list_url(certificate.status_list, purpose)
    token = client.get(url, HTTP_ACCEPT="application/vc+jwt").content.decode()
    claims = jwt.decode(token, key_for(client, token), algorithms=["ES256"])
    subject = claims["credentialSubject"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == purpose
    return credentials.status_bit(subject["encodedList"], certificate.status_index)


def test_someone_elses_certificate_is_not_found(client, certificate, other_supervisor):
    client.force_login(other_supervisor)
    for name in ("learners:certificate-credential", "learners:certificate-pdf"):
        assert client.get(reverse(name, args=[certificate.pk])).status_code == 404


def test_the_learner_lists_their_certificates(client, certificate, django_assert_max_num_queries):
    client.force_login(certificate.learner)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("learners:certificates")).content.decode()
    assert certificate.serial in page


# --- reminders ---------------------------------------------------------------------------


def test_expiry_reminders_at_60_and_30_days_are_sent_once(certificate):
    expires = certificate.expires_on
    day = lambda before: expires - datetime.timedelta(days=before)  # noqa: E731
    assert domain.send_expiry_reminders(today=day(61)) == 0
    assert domain.send_expiry_reminders(today=day(60)) == 1
    assert domain.send_expiry_reminders(today=day(59)) == 0
    call_command("send_certificate_reminders", today=day(30).isoformat())
    assert domain.send_expiry_reminders(today=day(29)) == 0
    assert len(mail.outbox) == 2


# --- bulk export -------------------------------------------------------------------------


def test_bulk_export_of_200_certificates(client, certificate, administrator, monkeypatch):
    # Rendering 200 PDFs would take minutes: the export copies stored files, so store
    # one rendered PDF 199 more times.
    monkeypatch.setattr(domain, "render_pdf", lambda cert, html=None: b"%PDF-1.7 test")
    for _ in range(199):
        domain.issue_certificate(
            learner=certificate.learner, programme=certificate.programme, actor=administrator
        )
    client.force_login(administrator)
    with django_capture_on_commit(client):
        response = client.post(
            reverse("learners:certificates-exports"), {"programme": certificate.programme_id}
        )
    export = CertificateExport.objects.get()
    assert response.url == reverse("learners:certificates-export", args=[export.pk])
    page = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert "100" in page and "Download" in page
    data = client.get(reverse("learners:certificates-export-download", args=[export.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(data.streaming_content)))
    pdfs = [name for name in archive.namelist() if name.endswith(".pdf")]
    manifest = assert_csv_safe(archive.read("manifest.csv").decode())
    assert len(pdfs) == 200 and len(manifest) == 201
    assert manifest[0] == ["name", "programme", "serial", "verification_url", "status"]
    assert sum(row[-1] == "superseded" for row in manifest) == 199


def django_capture_on_commit(client):
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_export_pages_are_for_administrators_only(client, learner, db):
    client.force_login(learner)
    assert client.get(reverse("learners:certificates-exports")).status_code == 404
    assert client.get(reverse("learners:certificates-manage")).status_code == 404


def test_administrators_find_the_certificate_pages_in_the_admin_menu(
    client, administrator, learner
):
    from django.urls import reverse

    client.force_login(administrator)
    html = client.get("/admin/").content.decode()
    assert reverse("learners:certificates-manage") in html
    client.force_login(learner)
    assert client.get(reverse("learners:certificates-manage")).status_code == 404


def test_an_administrator_confirms_an_attestation_with_evidence(
    client, administrator, learner, avholdt
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from learners.certification.eligibility import eligibility
    from learners.models import Attestation

    certification_track(avholdt, rows=[("attestation", "utdanning", None, "Relevant utdanning")])
    assert not eligibility(learner, avholdt).eligible
    client.force_login(administrator)
    response = client.post(
        reverse("learners:certificates-attest"),
        {
            "learner": learner.pk, "programme": avholdt.pk, "key": "utdanning",
            "note": "Vitnemål kontrollert",
            "evidence": SimpleUploadedFile("vitnemal.pdf", b"%PDF-1.4 test", "application/pdf"),
        },
    )  # fmt: skip
    assert response.status_code == 302
    attestation = Attestation.objects.get(learner=learner, key="utdanning")
    assert attestation.evidence.name and attestation.confirmed_by == administrator
    assert AuditEvent.objects.filter(action__startswith="attestation", actor=administrator).exists()
    assert eligibility(learner, avholdt).eligible


def test_a_learner_cannot_confirm_attestations(client, learner, avholdt):
    client.force_login(learner)
    assert client.get(reverse("learners:certificates-attest")).status_code == 404


def test_the_holder_hears_of_an_issued_certificate_in_their_language(
    learner, avholdt, avholdt_modules, administrator, track, django_capture_on_commit_callbacks
):
    set_person_language(learner, "nb")
    CompletedModuleFactory(learner=learner, module=avholdt_modules[0])
    with django_capture_on_commit_callbacks(execute=True):
        certificate = domain.issue_certificate(
            learner=learner, programme=avholdt, actor=administrator
        )
    [message] = mail.outbox
    assert message.to == [learner.email] and certificate.serial in message.body
    assert certificate.language == "nb"
    assert "sertifikat" in message.subject.lower()  # Norwegian, the holder's language
