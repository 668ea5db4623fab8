"""The learner journey in a real browser: enrol, autosave a reflection, mark done; each
page and each htmx swap passes the page checks."""

import re

import pytest

from .checks import check_page
from .signin import log_in

pytestmark = pytest.mark.browser


def test_a_learner_enrols_reflects_with_autosave_and_marks_a_module_done(page, live_site):
    # Lene is in no cohort of the peer specialist course (German, with an English
    # translation), so she enrols herself; the interface stays in her language.
    log_in(page, live_site, username="learner")
    page.goto(f"{live_site}/de/programmer/peer-spezialist/")
    page.get_by_role("button", name="Enrol").click()
    page.get_by_role("link", name=re.compile("^Continue")).wait_for()
    check_page(page, "programme-enrolled")
    page.goto(f"{live_site}/de/programmer/peer-spezialist/rollen-im-recovery-netzwerk/")
    check_page(page, "module")
    box = page.locator("textarea[name=text]").first
    box.fill("Wir begegnen den Bewohnern verschieden, und das schafft Unruhe.")
    status = page.locator(".save-status").first
    status.get_by_text(re.compile("Saved at")).wait_for(timeout=10_000)
    check_page(page, "module-autosaved")
    page.reload()
    assert "schafft Unruhe" in page.locator("textarea[name=text]").first.input_value()
    page.get_by_role("button", name="Mark as done").click()
    page.get_by_text("Mark as not done").wait_for(timeout=10_000)
    check_page(page, "module-done")
    page.goto(f"{live_site}/dashboard/")
    assert "1 of 6 modules completed" in page.content()
    check_page(page, "dashboard")
    page.goto(f"{live_site}/journal/")
    check_page(page, "journal")
