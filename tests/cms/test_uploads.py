"""Uploads are checked by content and size; private files are served only as safe
attachments."""

import io

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import Image

from cms import uploads
from cms.private_files import PrivateStorage, private_storage, serve_private
from cms.uploads import UploadValidator, check_upload

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML = b"<!doctype html><html><body><script>fetch('/steal')</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def image_bytes(kind: str, size=(4, 3)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=kind)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


ACCEPTED = [
    ("pdf", "attest.pdf", PDF),
    ("png", "bevis.png", image_bytes("PNG")),
    ("jpeg", "bilde.jpg", image_bytes("JPEG")),
    ("jpeg", "bilde.JPEG", image_bytes("JPEG")),
    ("webp", "bilde.webp", image_bytes("WEBP")),
]


@pytest.mark.parametrize(("kind", "name", "content"), ACCEPTED, ids=[r[1] for r in ACCEPTED])
def test_allowed_files_are_accepted(kind, name, content):
    assert check_upload(upload(name, content)).key == kind


REFUSED = [
    # (name, file name, content, error code)
    ("SVG with a script", "logo.svg", SVG, "file_type_not_allowed"),
    ("SVG renamed .png", "logo.png", SVG, "file_type_not_allowed"),
    ("HTML renamed .pdf", "attest.pdf", HTML, "file_type_not_allowed"),
    ("executable renamed .pdf", "attest.pdf", EXE, "file_type_not_allowed"),
    ("executable", "setup.exe", EXE, "file_type_not_allowed"),
    ("plain text", "notes.pdf", b"just some text", "file_type_not_allowed"),
    ("PNG named .pdf", "attest.pdf", image_bytes("PNG"), "file_type_mismatch"),
    ("PDF named .png", "bevis.png", PDF, "file_type_mismatch"),
    ("PDF without extension", "attest", PDF, "file_type_mismatch"),
    ("a PNG header and nothing else", "bevis.png", image_bytes("PNG")[:40], "image_unreadable"),
    ("empty", "tom.pdf", b"", "file_empty"),
]


@pytest.mark.parametrize(
    ("name", "filename", "content", "code"), REFUSED, ids=[r[0] for r in REFUSED]
)
def test_other_files_are_refused_with_a_clear_message(name, filename, content, code):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(filename, content))
    assert error.value.code == code


def test_the_message_names_the_allowed_types():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("logo.svg", SVG))
    assert error.value.messages == [
        "Only PDF, PNG, JPEG or WebP files can be uploaded, and this file's content is not "
        "one of them."
    ]


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    big = upload("stor.pdf", PDF + b"%" * 2000)
    with pytest.raises(ValidationError) as error:
        check_upload(big)
    assert error.value.code == "file_too_large"
    assert "1.0\xa0KB" in error.value.messages[0]
    check_upload(upload("liten.pdf", PDF))


def test_the_default_limit_is_ten_megabytes(settings):
    del settings.UPLOAD_MAX_BYTES
    assert uploads.max_upload_bytes() == 10 * 1024 * 1024


def test_a_use_can_narrow_the_types():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("bevis.png", image_bytes("PNG")), types=("pdf",))
    assert "Only PDF files" in error.value.messages[0]


def test_a_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(ValidationError) as error:
        check_upload(upload("bombe.png", image_bytes("PNG", size=(20, 20))))
    assert error.value.code == "image_unreadable"


def test_the_validator_works_on_a_form_field_and_keeps_the_file_readable():
    class EvidenceForm(forms.Form):
        evidence = forms.FileField(validators=[UploadValidator(types=("pdf", "png"))])

    refused = EvidenceForm(data={}, files={"evidence": upload("attest.pdf", HTML)})
    assert not refused.is_valid()
    assert "Only PDF or PNG files" in refused.errors["evidence"][0]
    accepted = EvidenceForm(data={}, files={"evidence": upload("attest.pdf", PDF)})
    assert accepted.is_valid()
    assert accepted.cleaned_data["evidence"].read() == PDF


def test_the_validator_refuses_unknown_types_when_declared():
    with pytest.raises(ValueError, match="svg"):
        UploadValidator(types=("pdf", "svg"))
    assert UploadValidator(types=("pdf",)) == UploadValidator(types=("pdf",))


# --- private files ------------------------------------------------------------------------


@pytest.fixture
def private_root(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "cms.private_files.PrivateStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    return tmp_path / "private"


def test_private_files_are_stored_outside_media_and_have_no_url(private_root, settings):
    storage = private_storage()
    assert isinstance(storage, PrivateStorage)
    name = storage.save("evidence/attest.pdf", ContentFile(PDF))
    assert (private_root / name).read_bytes() == PDF
    assert not str(private_root).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError, match="no public URL"):
        storage.url(name)


def _stored(private_root, content: bytes, name: str):
    storage = private_storage()
    stored = storage.save(name, ContentFile(content))
    return storage.open(stored)


def test_serve_private_sends_a_safe_attachment(private_root):
    file = _stored(private_root, PDF, "a.pdf")
    response = serve_private(RequestFactory().get("/"), file, filename="Attest Kari.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Attest Kari.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF


def test_serve_private_never_lets_a_stored_page_render(private_root):
    file = _stored(private_root, HTML, "old.html")
    response = serve_private(RequestFactory().get("/"), file, filename="old.html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox"


def test_the_download_name_is_cleaned_and_matches_the_content(private_root):
    file = _stored(private_root, image_bytes("PNG"), "b.png")
    response = serve_private(
        RequestFactory().get("/"), file, filename="../../etc/bevis\u202egnp.exe"
    )
    assert response["Content-Disposition"] == 'attachment; filename="bevisgnp.exe.png"'


def test_a_head_request_gets_the_headers_only(private_root):
    file = _stored(private_root, PDF, "c.pdf")
    response = serve_private(RequestFactory().head("/"), file, filename="c.pdf")
    assert response["Content-Disposition"] == 'attachment; filename="c.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b""
