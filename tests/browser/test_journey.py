"""The learner journey in a real browser: enrol, autosave a reflection, mark done."""

import re

import pytest

from .test_site import log_in

pytestmark = pytest.mark.browser


def test_a_learner_enrols_reflects_with_autosave_and_marks_a_module_done(page, live_site):
    log_in(page, live_site, username="learner3")
    page.goto(f"{live_site}/programmer/rusmiddelprotokol/")
    page.get_by_role("button", name="Enrol").click()
    page.goto(f"{live_site}/programmer/rusmiddelprotokol/hvorfor-faelles-retningslinjer/")
    box = page.locator("textarea[name=text]").first
    box.fill("Vi møter beboerne forskjellig, og det skaper uro.")
    status = page.locator(".save-status").first
    status.get_by_text(re.compile("Saved at")).wait_for(timeout=10_000)
    page.reload()
    assert "skaper uro" in page.locator("textarea[name=text]").first.input_value()
    page.get_by_role("button", name="Mark as done").click()
    page.get_by_text("Mark as not done").wait_for(timeout=10_000)
    page.screenshot(path="test-results/module-done.png", full_page=False)
    page.goto(f"{live_site}/dashboard/")
    assert "1 of 6 modules completed" in page.content()
    page.screenshot(path="test-results/dashboard.png", full_page=True)
