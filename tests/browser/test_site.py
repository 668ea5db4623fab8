"""What a person sees in a real browser: every public page passes the page checks
(axe, 320 px reflow, id references), keyboard access, the menu on a phone, logging in."""

import pytest

from .checks import PHONE, check_page
from .signin import log_in

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    ("home", "/"),
    ("catalogue", "/programmer/"),
    ("programme", "/programmer/avholdt/"),
    ("login", "/accounts/login/"),
    ("search", "/search/?q=traume"),
    ("search-empty", "/search/?q=zzzzzz"),
    ("verify-unknown", "/verify/no-such-certificate/"),
]


@pytest.mark.parametrize(("name", "path"), PUBLIC_PAGES, ids=[name for name, _ in PUBLIC_PAGES])
def test_a_public_page_passes_the_page_checks(page, live_site, name, path):
    response = page.goto(live_site + path)
    assert response.status == (404 if name == "verify-unknown" else 200)
    check_page(page, name)


def test_a_failed_login_shows_its_error_and_still_passes_the_checks(page, live_site):
    page.goto(f"{live_site}/accounts/login/")
    page.get_by_label("Username").fill("learner")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Log in").click()
    page.locator(".error-summary").wait_for()
    assert page.get_by_label("Password").get_attribute("aria-invalid") == "true"
    check_page(page, "login-error")


def test_the_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_main(page, live_site):
    page.goto(live_site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    box = page.locator(".ds-skip-link").bounding_box()
    assert box is not None and box["y"] >= 0 and box["width"] > 1
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_menu_is_a_row_on_a_desktop_and_a_disclosure_on_a_phone(page, live_site):
    log_in(page, live_site)
    menu = page.get_by_role("navigation", name="Main")
    assert menu.get_by_role("link", name="Dashboard").is_visible()
    assert not menu.get_by_text("Menu").is_visible()
    page.set_viewport_size(PHONE)
    assert not menu.get_by_role("link", name="Dashboard").is_visible()
    menu.get_by_text("Menu").click()
    assert menu.get_by_role("link", name="Dashboard").is_visible()
    assert menu.get_by_role("button", name="Log out").is_visible()
    check_page(page, "menu-open")


def test_a_learner_works_up_to_a_module_with_a_content_note(page, live_site):
    theory = f"{live_site}/programmer/avholdt/teoriundervisning/"
    page.goto(theory)
    assert "/accounts/login/" in page.url
    log_in(page, live_site)
    page.goto(theory)
    assert "builds on modules you have not completed" in page.content()
    check_page(page, "module-locked")
    for slug in ("implementeringsanalyse", "kultur-og-arbeidsglede"):
        page.goto(f"{live_site}/programmer/avholdt/{slug}/")
        page.get_by_role("button", name="Mark as done").click()
        page.get_by_text("Mark as not done").wait_for(timeout=10_000)
    page.goto(theory)
    assert page.locator(".callout--content_note").count() == 1
    assert page.locator(".prose").count() == 0
    check_page(page, "module-content-note")
    page.get_by_role("link", name="Continue to the module").click()
    page.locator(".prose").first.wait_for()
    first_box = page.locator("article.module aside, article.module section").first
    assert "callout--content_note" in first_box.get_attribute("class")
    # The module's Markdown has a three-column table that cannot fit 320 px: it scrolls in
    # a focusable region named by its columns (cms/markdown.py), which Tab reaches.
    check_page(page, "module-with-content-note")
    region = page.locator(".prose .table-region").first
    assert region.get_attribute("aria-label").startswith("Table: ")
    region.focus()
    assert page.evaluate("document.activeElement.classList.contains('table-region')")
