"""The main page of each role passes the page checks, and is photographed at desktop and
phone width for the README (build/screenshots/; docs/screenshots/ keeps a few)."""

import pytest

from .checks import check_page, screenshots
from .signin import log_in

pytestmark = pytest.mark.browser


def test_the_public_pages(page, live_site):
    page.goto(f"{live_site}/")
    screenshots(page, "home")
    page.goto(f"{live_site}/programmer/avholdt/")
    screenshots(page, "programme")


def test_a_learners_dashboard_and_module(page, live_site):
    log_in(page, live_site, username="learner2")
    page.goto(f"{live_site}/dashboard/")
    check_page(page, "learner-dashboard")
    screenshots(page, "dashboard")
    page.goto(f"{live_site}/programmer/avholdt/implementeringsanalyse/")
    check_page(page, "learner-module")
    screenshots(page, "module")


def test_a_supervisors_sign_off_queue(page, live_site):
    log_in(page, live_site, username="supervisor")
    page.goto(f"{live_site}/hours/signoff/")
    check_page(page, "supervisor-signoff")
    screenshots(page, "signoff")


def test_a_leads_cohort_report(page, live_site):
    log_in(page, live_site, username="lead")
    page.goto(f"{live_site}/cohorts/")
    page.get_by_role("link", name="AvHoldt 2026").click()
    page.locator(".report-matrix").wait_for()
    check_page(page, "lead-cohort-report")
    screenshots(page, "cohort-report")


def test_an_administrators_certificate_desk(page, live_site):
    log_in(page, live_site, username="admin")
    page.goto(f"{live_site}/certificates/manage/")
    check_page(page, "admin-certificates")
    screenshots(page, "certificates")
