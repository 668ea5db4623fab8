"""Attestation evidence: checked by its content and size, kept in the private storage
(no URL) and downloaded only by administrators, as an attachment."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from learners.models import Attestation
from tests.factories import certification_track

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"PE\x00\x00"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def track(avholdt):
    return certification_track(avholdt, rows=[("attestation", "utdanning", None, "Utdanning")])


def attest(client, learner, avholdt, name, content, content_type="application/octet-stream"):
    return client.post(
        reverse("learners:certificates-attest"),
        {
            "learner": learner.pk, "programme": avholdt.pk, "key": "utdanning", "note": "",
            "evidence": SimpleUploadedFile(name, content, content_type),
        },
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("evidence.svg", SVG, "image/svg+xml"),
        ("evidence.html", HTML, "text/html"),
        ("evidence.exe", EXE, "application/x-msdownload"),
        ("evidence.pdf", HTML, "application/pdf"),  # a web page called .pdf
        ("evidence.pdf", EXE, "application/pdf"),
        ("evidence.png", SVG, "image/png"),
        ("evidence.pdf", b"", "application/pdf"),
    ],
)
def test_evidence_that_is_not_a_pdf_or_image_is_refused(
    client, administrator, learner, avholdt, track, name, content, content_type
):
    client.force_login(administrator)
    response = attest(client, learner, avholdt, name, content, content_type)
    assert response.status_code == 200
    assert "error" in response.content.decode()
    assert not Attestation.objects.exists()


def test_evidence_larger_than_the_limit_is_refused(
    client, administrator, learner, avholdt, track, settings
):
    settings.UPLOAD_MAX_BYTES = 1024
    client.force_login(administrator)
    response = attest(client, learner, avholdt, "big.pdf", PDF + b"0" * 2048, "application/pdf")
    assert response.status_code == 200 and "at most" in response.content.decode()
    assert not Attestation.objects.exists()


def test_evidence_is_private_and_only_administrators_download_it(
    client, administrator, learner, supervisor, avholdt, track
):
    client.force_login(administrator)
    assert attest(client, learner, avholdt, "vitnemal.png", png(), "image/png").status_code == 302
    attestation = Attestation.objects.get()
    stored = Path(attestation.evidence.path)
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve() / "attestations")
    assert stored.is_relative_to(Path(settings.STORAGES["private"]["OPTIONS"]["location"]))
    with pytest.raises(ValueError):
        attestation.evidence.url  # noqa: B018  (no public address at all)

    url = reverse("learners:certificates-attestation-evidence", args=[attestation.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == png()
    for person in (learner, supervisor):
        client.force_login(person)
        assert client.get(url).status_code == 404
