"""The Content-Security-Policy in a real browser: our pages, htmx and the Wagtail admin
work under it with no violation reported, and staff sign in with the second factor."""

import re

import pytest

from .signin import log_in

pytestmark = pytest.mark.browser

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched(page):
    """A page that records every CSP violation, from the event and from the console."""
    console = []
    page.add_init_script(WATCH_CSP)
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_console = console
    return page


ADMIN_PAGES = [
    "/admin/pages/",
    "/admin/images/",
    "/admin/images/multiple/add/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/users/",
    "/admin/account/",
    "/admin/reports/",
    "/admin/settings/",
    "/admin/workflows/list/",
]


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []") + page.csp_console


@pytest.mark.parametrize("path", ["/", "/programmer/avholdt/", "/accounts/login/"])
def test_public_pages_report_no_violation(watched, live_site, path):
    watched.goto(live_site + path)
    watched.wait_for_load_state("networkidle")
    assert watched.evaluate("typeof window.htmx") == "object"
    assert watched.evaluate("htmx.config.includeIndicatorStyles") is False
    assert violations(watched) == []


def test_htmx_autosave_works_under_the_policy(watched, live_site):
    log_in(watched, live_site, username="learner2")
    watched.goto(f"{live_site}/programmer/avholdt/implementeringsanalyse/")
    box = watched.locator("textarea[name=text]").first
    box.fill("Det som har gjort endring mulig før, var tid til å snakke sammen.")
    status = watched.locator(".save-status").first
    status.get_by_text(re.compile("Saved at")).wait_for(timeout=10_000)
    watched.reload()
    assert "tid til å snakke" in watched.locator("textarea[name=text]").first.input_value()
    assert violations(watched) == []


def test_staff_sign_in_with_the_second_factor_and_the_admin_works(watched, live_site):
    log_in(watched, live_site, "admin")
    watched.goto(f"{live_site}/admin/")
    watched.wait_for_load_state("networkidle")
    assert watched.locator("main").count() == 1
    assert "/admin/" in watched.url

    watched.goto(f"{live_site}/admin/pages/search/?q=Implementeringsanalyse")
    edit = re.search(r"/admin/pages/\d+/edit/", watched.content())
    assert edit, "the admin's search finds the module"
    watched.goto(live_site + edit.group(0))
    watched.wait_for_load_state("networkidle")
    watched.locator("#id_title").wait_for()
    # The editor's scripts ran: the side panels and the StreamField (built by telepath).
    watched.locator("[data-side-panel-toggle]").first.wait_for()
    watched.locator('input[name="body-count"]').wait_for(state="attached")
    watched.screenshot(path="test-results/admin-editor-csp.png", full_page=False)
    assert violations(watched) == []

    # The live preview frames our page inside the admin (the admin may frame itself).
    watched.goto(f"{live_site}/admin/pages/search/?q=AvHoldt")
    watched.goto(live_site + re.search(r"/admin/pages/\d+/edit/", watched.content()).group(0))
    watched.locator('[data-side-panel-toggle="preview"]').click()
    preview = watched.frame_locator("#w-preview-iframe")
    preview.locator("main h1").wait_for(timeout=20_000)
    watched.screenshot(path="test-results/admin-preview-csp.png", full_page=False)
    assert violations(watched) == []

    for path in ADMIN_PAGES:
        watched.goto(live_site + path)
        watched.wait_for_load_state("networkidle")
        assert "/accounts/" not in watched.url, path
    assert violations(watched) == []
