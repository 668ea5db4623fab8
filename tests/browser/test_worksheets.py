"""The ranked list, decision steps and plan in a real browser: each page passes the page
checks (axe among them); a move keeps the focus on the moved item and is said in the live
region."""

import re

import pytest

from .checks import check_page
from .signin import PASSWORD, log_in

pytestmark = pytest.mark.browser

# Ida studies the counsellor course and the workplace protocol up to the modules with the
# new worksheets (earlier modules done, content notes seen).
IDA_AT_THE_WORKSHEETS = f"""
from django.contrib.auth import get_user_model
from courses.models import ModulePage
from learners.journey import progress

ida = get_user_model().objects.create_user("ida", password="{PASSWORD}", first_name="Ida")
for key in ("rusradgiver-06", "rusmiddelprotokol-04", "rusmiddelprotokol-06"):
    module = ModulePage.objects.get(content_key=key)
    programme = module.get_parent().specific
    progress.enrol(learner=ida, programme=programme, actor=ida)
    for earlier in programme.modules():
        if earlier.order < module.order:
            progress.mark_done(learner=ida, module=earlier)
    progress.acknowledge_content_note(learner=ida, module=module)
"""


def test_the_method_worksheets_are_accessible_and_a_move_keeps_focus(page, live_site):
    live_site.python(IDA_AT_THE_WORKSHEETS)
    log_in(page, live_site, username="ida")

    page.goto(f"{live_site}/programmer/rusradgiver/sertifisering-og-levd-erfaring/")
    check_page(page, "worksheet-ranked-list")
    ranked = page.locator("fieldset.worksheet__ranked")
    first = ranked.locator("li").first.locator(".ranked-list__text").inner_text()
    # The button's name says which item it moves ("Move down: …"; Chromium may put a
    # space before the colon, the hidden part being absolutely positioned).
    move = ranked.get_by_role("button", name=re.compile(rf"^Move down\W+{re.escape(first)}$"))
    move.click()
    moved = page.locator("fieldset.worksheet__ranked li").nth(1)
    moved.locator(".ranked-list__text", has_text=first).wait_for(timeout=10_000)
    # The list is swapped first and focus is moved after htmx settles (praksis.js): wait
    # for it rather than read it at the moment the text has moved.
    page.wait_for_function("document.activeElement && document.activeElement.value", timeout=5_000)
    focused = page.evaluate("document.activeElement.value")
    assert focused == "2:down"
    page.locator("#live-region", has_text=f"“{first}” is now number 2 of 7.").wait_for(
        timeout=5_000
    )
    check_page(page, "worksheet-ranked-list-moved")

    page.goto(f"{live_site}/programmer/rusmiddelprotokol/dilemmaer/")
    check_page(page, "worksheet-decision-steps")

    page.goto(f"{live_site}/programmer/rusmiddelprotokol/inddragelse-og-implementering/")
    page.get_by_label("1 – Action").fill("Temadag for alle medarbejdere")
    page.get_by_label("1 – Due date").fill("2027-01-31")
    page.get_by_label("1 – Status").select_option("planned")
    page.get_by_role("button", name="Add a row").click()
    page.get_by_label("2 – Action").wait_for(timeout=10_000)
    assert page.get_by_label("1 – Due date").input_value() == "2027-01-31"
    check_page(page, "worksheet-plan")
