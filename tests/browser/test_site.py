"""What a person sees in a real browser: keyboard access, narrow screens, logging in."""

import pytest

pytestmark = pytest.mark.browser

PAGES = ["/", "/programmer/", "/programmer/avholdt/", "/accounts/login/"]


def log_in(page, live_site, username="learner"):
    page.goto(f"{live_site}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("praksis-demo")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_site}/")


@pytest.mark.parametrize("path", PAGES)
def test_nothing_scrolls_sideways_at_320_pixels(page, live_site, path):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_site + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_main(page, live_site):
    page.goto(live_site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_learner_works_up_to_a_module_with_a_content_note(page, live_site):
    theory = f"{live_site}/programmer/avholdt/teoriundervisning/"
    page.goto(theory)
    assert "/accounts/login/" in page.url
    log_in(page, live_site)
    page.goto(theory)
    assert "builds on modules you have not completed" in page.content()
    for slug in ("implementeringsanalyse", "kultur-og-arbeidsglede"):
        page.goto(f"{live_site}/programmer/avholdt/{slug}/")
        page.get_by_role("button", name="Mark as done").click()
        page.get_by_text("Mark as not done").wait_for(timeout=10_000)
    page.goto(theory)
    assert page.locator(".callout--content_note").count() == 1
    assert page.locator(".prose").count() == 0
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path=str(live_site_screenshot()), full_page=False)
    page.get_by_role("link", name="Continue to the module").click()
    page.locator(".prose").first.wait_for()
    first_box = page.locator("article.module aside, article.module section").first
    assert "callout--content_note" in first_box.get_attribute("class")


def live_site_screenshot():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "test-results"
    folder.mkdir(exist_ok=True)
    return folder / "module-320.png"
