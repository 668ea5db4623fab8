"""Each role's day in a real browser, from their home at /dashboard/: a supervisor, a
programme lead, an administrator, a learner and an anonymous verifier. Every step finds
its element by visible label or role, and every page and state passes the page checks.

What another person did first (a learner's shared entry, submitted hours, an exam with an
essay) is set up through the domain functions against the live site's database, so each
journey starts where a real one would."""

import datetime
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from .checks import axe_violations, broken_references, check_page, screenshots
from .signin import PASSWORD, log_in

pytestmark = pytest.mark.browser

# Jonas (learner2) shares a reflection in AvHoldt, submits two hours entries in the
# counsellor programme and sits its exam, whose essay waits for a grade.
JONAS_HAS_WORK_WAITING = """
import datetime
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.utils import timezone
from assessments.models import Attempt, ExamPage
from assessments.services.attempts import save_answer, start_attempt, submit_attempt
from courses.models import ProgrammePage
from learners.hours import rules as hours
from learners.hours.models import PracticeCategory
from learners.journey import journal, progress

jonas = get_user_model().objects.get(username="learner2")
avholdt = ProgrammePage.objects.get(content_key="avholdt")
# Not the first module, whose reflection test_security.py types into as Jonas.
module, block = next(
    (m, b) for m in avholdt.modules()[1:] for b in m.body if b.block_type == "reflection"
)
entry = journal.save_entry(learner=jonas, module=module, block_id=block.id,
                           text="Vi snakket om trygghet i overgangene mellom vaktene.")
journal.share(entry=entry, learner=jonas, shared=True)
counsellor = ProgrammePage.objects.get(content_key="rusradgiver")
category = PracticeCategory.objects.get(programme=counsellor, slug="radgivning")
made = [
    hours.create_entry(learner=jonas, programme=counsellor, category=category,
                       date=timezone.localdate() - datetime.timedelta(days=days),
                       hours=Decimal("1.5"), setting="Poliklinikken",
                       description=f"Motiverende samtale, dag {days}.")
    for days in (1, 2)
]
hours.submit(made, by=jonas)
admin = get_user_model().objects.get(username="admin")
progress.enrol(learner=jonas, programme=counsellor, actor=admin)
exam = ExamPage.objects.live().descendant_of(counsellor).first()
# The demo gives Jonas a passed exam (he is the eligible counsellor); he sits it again.
Attempt.objects.filter(learner=jonas, exam=exam).delete()
attempt = start_attempt(exam=exam, learner=jonas)
essay = next(a for a in attempt.answers.all() if a.snapshot["kind"] == "essay")
save_answer(attempt=attempt, question_id=essay.question_id,
            data={"text": "Jeg ville svare ærlig og kort, og føre samtalen tilbake til klienten."})
submit_attempt(attempt=attempt, actor=jonas)
"""

# The workplace protocol course gets a certification track issued by approval whose one
# requirement is an attestation; Lene (learner) is enrolled in it.
TRACK_WITH_AN_ATTESTATION = """
from django.contrib.auth import get_user_model
from courses.models import CertificationTrack, ProgrammePage, TrackRequirement
from learners.journey import progress

course = ProgrammePage.objects.get(content_key="rusmiddelprotokol")
track = CertificationTrack(programme=course, issuing="approval", validity_months=24)
track.requirements = [TrackRequirement(kind="attestation", key="taushetserklaering",
                                       label="Signert taushetserklæring", sort_order=0)]
track.save()
people = get_user_model().objects
progress.enrol(learner=people.get(username="learner"), programme=course,
               actor=people.get(username="admin"))
"""

EVIDENCE = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_a_supervisor_works_from_their_home(page, live_site):
    live_site.python(JONAS_HAS_WORK_WAITING)
    log_in(page, live_site, username="supervisor")
    assert page.url.endswith("/dashboard/")
    menu = page.get_by_role("navigation", name="Main")
    assert re.search(
        r"Shared entries\s*1", menu.get_by_role("link", name="Shared entries").inner_text()
    )
    check_page(page, "supervisor-home")
    screenshots(page, "supervisor-home")

    # A shared entry, found from the dashboard; a comment.
    page.get_by_role("link", name="Journal entries shared with you").click()
    check_page(page, "supervisor-shared")
    page.locator("main ul a").first.click()
    page.get_by_label("Comment", exact=True).fill(
        "Godt observert. Hva gjorde du selv i overgangen?"
    )
    page.get_by_role("button", name="Add comment").click()
    page.get_by_text("Godt observert.").wait_for()
    check_page(page, "supervisor-commented")

    # Hours: approve one (the password is the signature), return the other.
    page.goto(f"{live_site}/dashboard/")
    page.get_by_role("link", name="Sign off practice hours").click()
    boxes = page.get_by_role("checkbox", name=re.compile("^Choose Jonas Berg"))
    assert boxes.count() == 2
    boxes.nth(0).check()
    page.get_by_role("button", name="Save decision").click()
    page.get_by_role("alert").get_by_text("Enter your password to sign.").wait_for()
    assert page.get_by_role("checkbox", name=re.compile("^Choose Jonas Berg")).nth(0).is_checked()
    check_page(page, "supervisor-signoff-error")
    page.get_by_label("Your password, to sign").fill(PASSWORD)
    page.get_by_role("button", name="Save decision").click()
    page.get_by_text("1 entry approved and signed.").wait_for()
    page.get_by_role("checkbox", name=re.compile("^Choose Jonas Berg")).check()
    page.get_by_label("Return with comment").check()
    page.get_by_label("Comment", exact=True).fill("Skriv hvilken avdeling samtalen var på.")
    page.get_by_role("button", name="Save decision").click()
    page.get_by_text("Nothing waits for your sign-off.").wait_for()
    check_page(page, "supervisor-signoff-done")

    # The essay, from the dashboard.
    page.goto(f"{live_site}/dashboard/")
    page.get_by_role("link", name=re.compile(r": 1 essay$")).click()
    page.wait_for_url(re.compile("grading/$"))
    page.get_by_role("link", name="Grade", exact=True).first.click()
    check_page(page, "supervisor-grade")
    page.get_by_label(re.compile("^Points")).fill("3")
    page.get_by_label("Feedback to the learner").fill("Ærlig og avgrenset. Godt.")
    page.get_by_role("button", name="Save grade").click()
    page.wait_for_load_state()
    page.goto(f"{live_site}/dashboard/")
    assert page.get_by_text("No essay is waiting for you.").is_visible()
    assert menu.get_by_role("link", name="Essays to grade").count() == 0


def editor_problems(page) -> list[str]:
    """axe and id references on a Wagtail editor page: the project's fields in it (the
    module's, its Markdown blocks') are checked with Wagtail's own chrome."""
    return axe_violations(page) + broken_references(page)


def test_a_lead_changes_a_module_through_review_and_follows_the_cohort(page, browser, live_site):
    module = "Organisasjonskultur og arbeidsglede"
    log_in(page, live_site, username="lead")
    assert page.url.endswith("/dashboard/")
    assert page.get_by_role("heading", name="Programmes you lead").is_visible()
    check_page(page, "lead-home")
    screenshots(page, "lead-home")

    # The lead edits the module in the admin: found by search, prerequisites a named
    # group offering only earlier modules, and submits the change for review.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Admin").click()
    page.get_by_role("textbox", name="Search term").fill("Organisasjonskultur")
    page.keyboard.press("Enter")
    page.get_by_role("link", name=module, exact=True).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    prerequisites = page.get_by_role("group", name="Prerequisites").get_by_role("checkbox")
    assert prerequisites.count() == 1
    assert prerequisites.first.is_checked()
    assert not editor_problems(page), editor_problems(page)
    page.get_by_label("Estimated minutes").fill("95")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Programme review").click()
    page.get_by_text(f"Page '{module}' has been submitted for moderation.").first.wait_for()
    page.goto(f"{live_site}/programmer/avholdt/kultur-og-arbeidsglede/")
    assert page.get_by_text("about 95 minutes").count() == 0  # not live before review

    # Another person, an administrator, approves it from their dashboard.
    admin = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    reviewer = admin.new_page()
    log_in(reviewer, live_site, username="admin")
    reviews = reviewer.get_by_role("heading", name="Pages waiting for your review")
    assert reviews.is_visible()
    check_page(reviewer, "admin-home-review")
    reviewer.get_by_role("link", name=module, exact=True).click()
    reviewer.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    assert not editor_problems(reviewer), editor_problems(reviewer)
    reviewer.get_by_role("button", name="More actions").click()
    reviewer.get_by_role("button", name="Approve and Publish", exact=True).click()
    reviewer.wait_for_load_state()
    reviewer.goto(f"{live_site}/dashboard/")
    assert reviewer.get_by_text("No page is waiting for your review.").is_visible()
    admin.close()

    # The change is live; the lead follows the cohort and downloads the report.
    page.goto(f"{live_site}/programmer/avholdt/kultur-og-arbeidsglede/")
    assert page.get_by_text(re.compile("about 95 minutes")).is_visible()
    page.goto(f"{live_site}/dashboard/")
    page.get_by_role("link", name="AvHoldt 2026").first.click()
    page.locator(".report-matrix").wait_for()
    check_page(page, "lead-cohort-report")
    region = page.get_by_role("region", name=re.compile("learners? by module"))
    region.focus()
    page.keyboard.press("ArrowRight")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Excel (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()), read_only=True)
    # A streamed workbook states no dimensions: count the rows it holds.
    assert len(list(workbook.worksheets[0].iter_rows(values_only=True))) > 1


def test_an_administrator_confirms_issues_verifies_and_revokes(page, browser, live_site):
    live_site.python(TRACK_WITH_AN_ATTESTATION)
    log_in(page, live_site, username="admin")
    assert page.url.endswith("/dashboard/")
    check_page(page, "admin-home")
    screenshots(page, "admin-home")

    page.get_by_role("link", name="Confirm for Lene Lærer: Signert taushetserklæring").click()
    assert page.get_by_label("Attestation key").input_value() == "taushetserklaering"
    page.get_by_label("Evidence (PDF, PNG, JPEG or WebP)").set_input_files(
        {"name": "erklaering.pdf", "mimeType": "application/pdf", "buffer": EVIDENCE}
    )
    page.get_by_role("button", name="Confirm", exact=True).click()
    page.get_by_text("Attestation confirmed.").wait_for()
    check_page(page, "admin-attested")

    menu = page.get_by_role("navigation", name="Main")
    menu.get_by_role("link", name=re.compile("^Certificates")).click()
    page.get_by_role("button", name="Issue certificate").click()
    page.get_by_text(re.compile("^Issued ")).wait_for()
    check_page(page, "admin-issued")
    revoke_action = page.locator("details.confirm form").first.get_attribute("action")
    pdf = page.request.get(live_site + revoke_action.replace("/revoke/", "/certificate.pdf"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    verify_url = live_site + page.locator("main table a").first.get_attribute("href")

    # Anyone holding the link sees it is valid.
    anonymous = browser.new_context(bypass_csp=True).new_page()
    anonymous.goto(verify_url)
    assert anonymous.get_by_text("This certificate is valid.").is_visible()
    check_page(anonymous, "verify-valid")

    page.get_by_text("Revoke…").first.click()
    check_page(page, "admin-revoke-question")
    page.get_by_label("Reason").first.fill("Utstedt ved en feil.")
    page.get_by_role("button", name="Revoke certificate").first.click()
    page.get_by_text(re.compile("^Revoked ")).wait_for()

    anonymous.reload()
    assert anonymous.get_by_text(re.compile("This certificate was revoked on")).is_visible()
    assert anonymous.get_by_text("Utstedt ved en feil.").is_visible()
    check_page(anonymous, "verify-revoked")
    anonymous.context.close()


def test_a_learner_logs_hours_and_submits_them_from_their_home(page, live_site):
    log_in(page, live_site, username="learner")
    assert page.url.endswith("/dashboard/")
    check_page(page, "learner-home")
    screenshots(page, "learner-home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Practice hours").click()
    page.get_by_role("link", name="Log hours").click()
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    page.get_by_label("Programme").select_option(label="Sertifisert rus- og alkoholrådgiver")
    page.get_by_label("Category").select_option(
        label="Rådgivning (individuelt, i gruppe og med pårørende)"
    )
    page.get_by_label("Date", exact=True).fill(yesterday)
    page.get_by_label("Hours", exact=True).fill("1.5")
    page.get_by_label("Setting or site").fill("Poliklinikken")
    page.get_by_label("What you did").fill("Samtale om tilbakefallsforebygging.")
    # A client code that is a phone number is refused, with the reason, and nothing saved.
    page.get_by_label("Client code").fill("91234567")
    page.get_by_role("button", name="Save", exact=True).click()
    page.locator(".error-summary").wait_for()
    check_page(page, "learner-hours-errors")
    page.get_by_label("Client code").fill("K-17")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Saved as a draft.").wait_for()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Practice hours").click()
    page.get_by_role("checkbox", name=re.compile("^Choose")).first.check()
    page.get_by_role("button", name="Submit the chosen entries for sign-off").click()
    page.wait_for_load_state()
    check_page(page, "learner-hours-submitted")
