"""The shared components in templates/includes/ (buttons, the two-step destructive action,
tags, alerts, a card, the error summary, the table scroll region) on one page, styled as
the site styles them, pass the page checks; the confirm step works without JavaScript."""

from pathlib import Path

import pytest
from django import forms
from django.template import engines
from django.test import RequestFactory

from cms.frontend import VENDOR_STYLESHEETS

from .checks import PHONE, check_page

pytestmark = pytest.mark.browser

# Every shared component on one page (a Django template beside this file).
PAGE = (Path(__file__).with_name("components.html")).read_text(encoding="utf-8")


class EntryForm(forms.Form):
    hours = forms.DecimalField(label="Hours", help_text="In quarter-hour steps.")
    email = forms.EmailField(label="Supervisor's e-mail")


def render_components(live_site: str) -> str:
    request = RequestFactory().get("/")
    form = EntryForm(data={"hours": "", "email": "not an address"})
    form.is_valid()
    context = {
        "live_site": live_site,
        "vendor": VENDOR_STYLESHEETS,
        "form": form,
        "columns": ["Individuelle samtaler", "Gruppeveiledning", "Saksbehandling", "Mottatt"],
        "names": ["Kari Nordmann", "Ola Hansen-Bråten"],
    }
    return engines["django"].from_string(PAGE).render(context, request)


def test_the_shared_components_pass_the_page_checks(page, live_site):
    page.set_content(render_components(live_site))
    page.wait_for_load_state("networkidle")
    summary = page.locator(".ds-error-summary")
    assert summary.get_by_role("link", name="Hours: This field is required.").is_visible()
    assert summary.get_by_role("link").first.get_attribute("href") == "#id_hours"
    region = page.get_by_role("region", name="Hours per learner and category")
    assert region.get_attribute("tabindex") == "0"
    check_page(page, "components")


def test_a_destructive_action_asks_first_without_javascript(browser, live_site):
    context = browser.new_context(java_script_enabled=False, bypass_csp=True)
    page = context.new_page()
    try:
        page.set_content(render_components(live_site))
        confirm = page.get_by_role("button", name="Yes, delete it")
        assert not confirm.is_visible()
        page.get_by_text("Delete the entry").click()
        assert confirm.is_visible()
        assert confirm.evaluate("button => button.form.method") == "post"
    finally:
        context.close()


def test_the_name_column_stays_in_view_when_a_wide_table_scrolls(page, live_site):
    page.set_content(render_components(live_site))
    page.set_viewport_size(PHONE)
    region = page.get_by_role("region", name="Hours per learner and category")
    name = region.get_by_role("rowheader", name="Kari Nordmann")
    before = name.bounding_box()["x"]
    region.evaluate("element => { element.scrollLeft = 200; }")
    assert region.evaluate("element => element.scrollLeft") > 0
    assert name.bounding_box()["x"] == pytest.approx(before, abs=1)
