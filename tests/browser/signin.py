"""Signing in through the real login form, as people do: the password, and for staff
(supervisors, leads, administrators) the demo authenticator's code as well.

The demo staff have a TOTP device with the published demo secret (load_demo, DEBUG only).
A code that was just used is refused (replay protection), so a second sign-in within the
same 30 seconds uses the next code, which the device accepts within its drift window; a
third waits for the next 30 seconds."""

import re
import time

import pytest
from django_otp.oath import TOTP

from cms.security.demo import demo_key_hex

PASSWORD = "praksis-demo"
SECOND_FACTOR = re.compile(r"/accounts/two-factor/")


def demo_code(steps_ahead: int = 0) -> str:
    generator = TOTP(bytes.fromhex(demo_key_hex()))
    generator.time = time.time() + steps_ahead * 30
    return f"{generator.token():06d}"


def log_in(page, live_site: str, username: str = "learner") -> None:
    """Sign in from the login page; pass the second factor when the site asks for it."""
    page.goto(f"{live_site}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    if not SECOND_FACTOR.search(page.url):
        return
    refused = 0
    for _window in range(3):
        for steps_ahead in (0, 1):
            page.get_by_label("Code").fill(demo_code(steps_ahead))
            page.get_by_role("button", name="Continue").click()
            page.wait_for_load_state()
            if not SECOND_FACTOR.search(page.url):
                return
            refused += 1
            # django-otp pauses the device for 2^(n-1) s after n refused codes.
            time.sleep(2 ** (refused - 1) + 0.1)
        # Both codes this window accepts were used by earlier sign-ins of the same
        # account (tests run faster than 30 s apart): wait for the next window.
        time.sleep(30 - time.time() % 30 + 0.5)
    pytest.fail(f"{username} could not pass the second factor")
