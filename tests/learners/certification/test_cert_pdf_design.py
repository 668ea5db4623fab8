"""The certificate PDF as a person sees it: the page rendered to pixels (PDFium), its QR
code read back (zxing-cpp), the frame's margins measured, the embedded typefaces named,
the verify URL's size, the second page, the wording in each language, the signature."""

import io
import re

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
import zxingcpp
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image as PILImage
from pypdf import PdfReader
from wagtail.images import get_image_model
from wagtail.models import Site

from cms.models import SiteSettings
from courses.models import TrackRequirement
from learners.certification import certificates as domain
from learners.certification import pdf as certificate_pdf
from learners.certification import typefaces
from learners.certification.eligibility import track_for
from learners.certification.results import Eligibility, RequirementResult, requirements_met
from tests.factories import CompletedModuleFactory, certification_track

MM_PER_INCH = 25.4
DPI = 150


@pytest.fixture
def track(avholdt, avholdt_modules):
    return certification_track(avholdt, rows=[("module", avholdt_modules[0].content_key, None, "")])


@pytest.fixture
def signed_site():
    site = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site.signatory_name, site.signatory_title = "Kari Nordmann", "Fagleder"
    site.save()
    return site


@pytest.fixture
def certificate(learner, avholdt, avholdt_modules, administrator, track, signed_site):
    learner.first_name, learner.last_name = "Lene", "Haugen"
    learner.save()
    CompletedModuleFactory(learner=learner, module=avholdt_modules[0])
    return domain.issue_certificate(learner=learner, programme=avholdt, actor=administrator)


def pdf_bytes(certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def page_image(pdf: bytes, index: int = 0) -> PILImage.Image:
    document = pypdfium2.PdfDocument(pdf)
    return document[index].render(scale=DPI / 72).to_pil().convert("L")


def ink_box_mm(image: PILImage.Image) -> tuple[float, float, float, float]:
    """Left, top, right and bottom margins in mm of everything drawn on the page."""
    left, top, right, bottom = image.point(lambda value: 255 if value < 200 else 0).getbbox()
    to_mm = MM_PER_INCH / DPI
    return (left * to_mm, top * to_mm, (image.width - right) * to_mm,
            (image.height - bottom) * to_mm)  # fmt: skip


def test_the_qr_code_on_the_page_reads_as_the_verify_url(certificate):
    codes = zxingcpp.read_barcodes(page_image(pdf_bytes(certificate)))
    assert [code.text for code in codes] == [certificate.verification_url()]
    assert codes[0].format == zxingcpp.BarcodeFormat.QRCode


@pytest.mark.parametrize("page", [0, 1])
def test_the_frame_is_centred_with_equal_margins_on_each_page(certificate, page):
    margins = ink_box_mm(page_image(pdf_bytes(certificate), page))
    assert max(margins) - min(margins) < 0.5, margins
    assert all(11 < margin < 13 for margin in margins), margins


def test_the_certificate_has_two_pages_and_the_second_lists_the_requirements_met(certificate):
    reader = PdfReader(io.BytesIO(pdf_bytes(certificate)))
    assert len(reader.pages) == 2
    assert certificate.requirements  # copied at issue, in the certificate's language
    text = " ".join(reader.pages[1].extract_text().split())
    with translation.override(certificate.language):
        assert gettext("Requirements met") in text
    for requirement in certificate.requirements:
        assert requirement in text


def embedded_fonts(pdf: bytes) -> set[str]:
    """The names of the fonts with embedded font programs, without the subset tag and
    with letters and digits only ("Source-Serif-4-Semi-Bold" is "SourceSerif4SemiBold")."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                name = str(font["/BaseFont"]).split("+")[-1]
                names.add(re.sub(r"[^A-Za-z0-9]", "", name))
    return names


def test_the_pdf_embeds_the_chosen_typefaces_and_no_other(certificate):
    fonts = embedded_fonts(pdf_bytes(certificate))
    assert all(name.startswith(("SourceSerif4", "SourceSans3")) for name in fonts), fonts
    assert {"SourceSerif4SemiBold", "SourceSans3"} <= fonts, fonts


def font_sizes_of(pdf: bytes, text: str) -> list[float]:
    """The font size in points of each character of ``text`` on the first page."""
    page = pypdfium2.PdfDocument(pdf)[0]
    text_page = page.get_textpage()
    searcher = text_page.search(text)
    start, count = searcher.get_next()
    return [
        pdfium_c.FPDFText_GetFontSize(text_page.raw, index) for index in range(start, start + count)
    ]


def test_the_verify_url_is_printed_at_9_points_or_more(certificate):
    sizes = font_sizes_of(pdf_bytes(certificate), certificate.verification_url())
    assert sizes and min(sizes) >= 9


HEADINGS = [
    ("nb", "certification", "Sertifikat"), ("nb", "course", "Kursbevis"),
    ("da", "certification", "Certifikat"), ("da", "course", "Kursusbevis"),
    ("de", "certification", "Zertifikat"), ("de", "course", "Teilnahmebescheinigung"),
    ("en", "certification", "Certificate"), ("en", "course", "Course certificate"),
]  # fmt: skip


def test_the_heading_says_certificate_or_course_certificate_in_each_language(certificate):
    # One certificate for the whole table: issuing one renders its PDF, which is slow.
    for language, category, heading in HEADINGS:
        certificate.language, certificate.category = language, category
        html = certificate_pdf.certificate_html(certificate)
        assert f"<h1>{heading}</h1>" in html, (language, category)


def test_the_signature_image_stands_above_the_signatory(certificate, signed_site):
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 90), "white").save(buffer, "PNG")
    signed_site.signature = get_image_model().objects.create(
        title="Signatur", file=ImageFile(buffer, name="signatur.png")
    )
    signed_site.save()
    html = certificate_pdf.certificate_html(certificate)
    signature = html.split('<div class="signature">')[1].split('<div class="line">')[0]
    with translation.override(certificate.language):
        alt = gettext("Signature of %(name)s") % {"name": "Kari Nordmann"}
    assert "/media/images/signatur" in signature and f'alt="{alt}"' in signature
    pdf = certificate_pdf.render_pdf(certificate, html=html)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2


def test_without_the_font_packages_the_certificate_still_renders(
    certificate, monkeypatch, tmp_path
):
    monkeypatch.setattr(typefaces, "PACKAGES", tmp_path)
    assert typefaces.font_face_css() == ""
    pdf = certificate_pdf.render_pdf(certificate)
    assert all(name.startswith("DejaVu") for name in embedded_fonts(pdf))
    assert [code.text for code in zxingcpp.read_barcodes(page_image(pdf))] == [
        certificate.verification_url()
    ]


def test_the_fetcher_reads_the_typeface_files_and_nothing_else_on_disk():
    font = next(typefaces.SANS.folder.glob("*-latin-400-normal.woff2"))
    response = certificate_pdf.certificate_url_fetcher(font.as_uri())
    assert response is not None
    licence = typefaces.SANS.folder.parent / "LICENSE"
    escape = f"{typefaces.SANS.folder.as_uri()}/../../../../../etc/passwd"
    for url in (licence.as_uri(), escape, "file:///etc/passwd"):
        with pytest.raises(certificate_pdf.RefusedFetch):
            certificate_pdf.certificate_url_fetcher(url)


def test_a_health_declaration_stays_off_the_certificate(avholdt, avholdt_modules):
    module = avholdt_modules[0]
    certification_track(avholdt, rows=[
        ("module", module.content_key, None, ""),
        ("declaration", "recovery", None, "In recovery for two years"),
        ("declaration", "ethics", None, "The code of ethics"),
    ])  # fmt: skip
    TrackRequirement.objects.filter(key="recovery").update(health=True)
    track = track_for(avholdt)
    result = Eligibility(avholdt, track, [
        RequirementResult("module", module.content_key, module.title, True),
        RequirementResult("declaration", "recovery", "In recovery for two years", True),
        RequirementResult("declaration", "ethics", "The code of ethics", True),
    ])  # fmt: skip
    listed = " ".join(requirements_met(result))
    assert "The code of ethics" in listed and module.title in listed
    assert "recovery" not in listed


def test_the_signatory_and_signature_are_set_in_the_site_settings_admin(client, admin_user):
    client.force_login(admin_user)
    site = Site.objects.get(is_default_site=True)
    with translation.override("en"):
        url = reverse("wagtailsettings:edit", args=["cms", "sitesettings", site.pk])
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for field in ("signatory_name", "signatory_title", "signature"):
        assert f'name="{field}"' in html
    # The help text, in the admin's language (the user's choice, else the site's).
    assert "handwritten signature" in html or "håndskrevne underskriften" in html
