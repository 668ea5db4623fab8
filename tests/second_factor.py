"""Test plugin (enabled in tests/conftest.py): the test client's ``force_login`` and
``login`` sign staff in as if they had also passed the second factor.

Enforcement stays on — the settings and middleware are the real ones. Tests that log a
supervisor, lead or administrator in mean "a fully signed-in person"; this gives them
an authenticator and records in their session that it was used, as a real sign-in
would. Tests about the second factor itself sign in through the login form instead."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.security import second_factor


def pass_second_factor(client: Client, user) -> None:
    """Mark the client's session as verified with ``user``'s authenticator (created if
    they have none) — only for people who need a second factor."""
    if not second_factor.needs_second_factor(user):
        return
    device = second_factor.authenticator(user) or TOTPDevice.objects.create(
        user=user, name="Test authenticator", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def staff_test_logins_pass_the_second_factor(monkeypatch):
    force_login = Client.force_login
    login = Client.login

    def force_login_verified(self, user, backend=None):
        force_login(self, user, backend)
        pass_second_factor(self, user)

    def login_verified(self, **credentials):
        logged_in = login(self, **credentials)
        if logged_in:
            user = get_user_model()._default_manager.get_by_natural_key(credentials["username"])
            pass_second_factor(self, user)
        return logged_in

    monkeypatch.setattr(Client, "force_login", force_login_verified)
    monkeypatch.setattr(Client, "login", login_verified)
