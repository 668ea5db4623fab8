"""Two-step sign-in: supervisors, leads and administrators enter a code from an
authenticator app (or a recovery code) after their password, on the site and in the
Wagtail admin. Signed in through the real login form, so nothing here is helped by the
test plugin in tests/second_factor.py."""

import base64
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.models import AuditEvent
from cms.security import second_factor
from cms.security.demo import DEMO_TOTP_SECRET, ensure_demo_authenticators

# Every test here touches the database, some only through fixtures asked for by name, so
# the mark makes pytest-django order them with the database tests.
pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ROOT = Path(__file__).resolve().parents[2]


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    device.refresh_from_db()
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = time.time() + steps_ahead * device.step
    return f"{generator.token():06d}"


def let_time_pass(device: TOTPDevice) -> None:
    """A wrong code pauses the device for a second or more; move that pause into the past."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(hours=1)
    )


def sign_in_with_password(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def enter(client, code, next_url="/dashboard/"):
    return client.post(reverse("two_factor_verify"), {"code": code, "next": next_url})


@pytest.fixture
def app(supervisor) -> TOTPDevice:
    return TOTPDevice.objects.create(user=supervisor, name="Phone", confirmed=True)


@pytest.mark.parametrize("role", ["supervisor", "lead", "administrator"])
def test_staff_without_an_app_are_sent_to_set_one_up_before_anything_else(client, request, role):
    user = request.getfixturevalue(role)
    sign_in_with_password(client, user)
    for path in ("/dashboard/", "/", "/admin/", "/hours/signoff/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("two_factor_setup") + "?next=")


def test_a_superuser_needs_the_second_factor_too(client, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "boss@praksis.example", PASSWORD)
    sign_in_with_password(client, boss)
    assert client.get("/admin/").status_code == 302


def test_learners_sign_in_with_their_password_alone(client, learner):
    sign_in_with_password(client, learner)
    assert client.get("/dashboard/").status_code == 200
    assert client.get(reverse("two_factor_verify")).status_code == 404
    assert client.get(reverse("two_factor_setup")).status_code == 404


def test_enrolment_shows_a_qr_code_and_the_key_then_confirms_with_a_code(client, supervisor):
    sign_in_with_password(client, supervisor)
    page = client.get(reverse("two_factor_setup"), {"next": "/hours/signoff/"})
    body = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in body
    device = TOTPDevice.objects.get(user=supervisor, confirmed=False)
    assert second_factor.secret_text(device) in body
    # A reload shows the same key, so what was scanned stays valid.
    client.get(reverse("two_factor_setup"))
    assert TOTPDevice.objects.filter(user=supervisor).count() == 1

    wrong = client.post(reverse("two_factor_setup"), {"code": "000000", "next": "/hours/signoff/"})
    assert wrong.status_code == 400 and "did not match" in wrong.content.decode()
    assert client.get("/dashboard/").status_code == 302
    paused = client.post(reverse("two_factor_setup"), {"code": code_for(device)})
    assert paused.status_code == 400 and "Wait" in paused.content.decode()
    let_time_pass(device)

    done = client.post(
        reverse("two_factor_setup"), {"code": code_for(device), "next": "/hours/signoff/"}
    )
    assert done.status_code == 200
    codes = StaticToken.objects.filter(device__user=supervisor).values_list("token", flat=True)
    assert len(codes) == 10 and all(code in done.content.decode() for code in codes)
    assert 'href="/hours/signoff/"' in done.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="second_factor.enrolled", actor=supervisor).exists()
    assert client.get("/dashboard/").status_code == 200


def test_staff_with_an_app_enter_its_code_after_the_password(client, supervisor, app):
    sign_in_with_password(client, supervisor)
    sent = client.get("/hours/signoff/")
    assert sent["Location"] == reverse("two_factor_verify") + "?next=%2Fhours%2Fsignoff%2F"
    session_before = client.session.session_key
    response = enter(client, code_for(app), "/hours/signoff/")
    assert response.status_code == 302 and response["Location"] == "/hours/signoff/"
    assert client.session.session_key != session_before  # a new key once verified
    assert client.get("/hours/signoff/").status_code == 200


def test_the_wagtail_admin_asks_for_the_same_second_factor(client, lead):
    app = TOTPDevice.objects.create(user=lead, name="Phone", confirmed=True)
    sign_in_with_password(client, lead)
    sent = client.get("/admin/")
    assert sent["Location"] == reverse("two_factor_verify") + "?next=%2Fadmin%2F"
    assert enter(client, code_for(app), "/admin/")["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_that_was_used_once_is_refused(client, supervisor, app):
    code = code_for(app)
    sign_in_with_password(client, supervisor)
    assert enter(client, code).status_code == 302
    client.post(reverse("logout"))

    sign_in_with_password(client, supervisor)
    replayed = enter(client, code)
    assert replayed.status_code == 400
    assert "used already" in replayed.content.decode()
    assert client.get("/dashboard/").status_code == 302
    let_time_pass(app)
    # The app's next code is accepted (one step of clock tolerance).
    assert enter(client, code_for(app, steps_ahead=1)).status_code == 302


def test_a_recovery_code_works_once_and_is_audited(client, supervisor, app):
    code = second_factor.new_recovery_codes(supervisor)[0]
    sign_in_with_password(client, supervisor)
    response = enter(client, code.upper()[:4] + "-" + code[4:])  # as people type it
    assert response.status_code == 302
    assert second_factor.recovery_codes_left(supervisor) == 9
    assert AuditEvent.objects.filter(action="second_factor.recovery_code_used").exists()
    client.post(reverse("logout"))

    sign_in_with_password(client, supervisor)
    assert enter(client, code).status_code == 400


def test_wrong_codes_make_the_app_wait_before_the_next_try(client, supervisor, app):
    sign_in_with_password(client, supervisor)
    assert "not right" in enter(client, "111111").content.decode()
    slowed = enter(client, code_for(app))
    assert slowed.status_code == 400 and "Wait 1 second" in slowed.content.decode()
    app.refresh_from_db()
    assert app.throttling_failure_count == 1
    let_time_pass(app)
    assert enter(client, "222222").status_code == 400
    assert "Wait 2 seconds" in enter(client, code_for(app)).content.decode()


def test_a_wrong_app_code_does_not_slow_the_recovery_codes(client, supervisor, app):
    code = second_factor.new_recovery_codes(supervisor)[0]
    sign_in_with_password(client, supervisor)
    enter(client, "111111")
    enter(client, "222222")
    assert enter(client, code).status_code == 302


def test_before_the_second_factor_only_sign_out_language_and_health_answer(client, supervisor, app):
    sign_in_with_password(client, supervisor)
    assert client.get(reverse("healthz")).status_code == 200
    language = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert language.status_code == 302
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_htmx_requests_are_sent_to_the_code_page_as_a_whole_page(client, supervisor, app):
    sign_in_with_password(client, supervisor)
    response = client.post("/notifications/read/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("two_factor_verify"))


def test_the_admin_and_wagtail_login_pages_lead_to_the_one_sign_in(client):
    for path in ("/admin/login/", "/_util/login/"):
        response = client.get(path, {"next": "/admin/"})
        assert response.status_code == 302
        assert response["Location"] == reverse("login") + "?next=%2Fadmin%2F"
    anonymous = client.get("/admin/")
    assert anonymous["Location"].startswith(reverse("login") + "?next=")


def test_replacing_the_app_needs_the_old_app_or_a_recovery_code_first(client, supervisor, app):
    sign_in_with_password(client, supervisor)
    response = client.get(reverse("two_factor_setup"))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    enter(client, code_for(app))
    assert client.get(reverse("two_factor_setup")).status_code == 200
    new = TOTPDevice.objects.get(user=supervisor, confirmed=False)
    client.post(reverse("two_factor_setup"), {"code": code_for(new)})
    assert list(TOTPDevice.objects.filter(user=supervisor)) == [new]


def test_new_recovery_codes_replace_the_old_ones(client, supervisor, app):
    old = second_factor.new_recovery_codes(supervisor)
    sign_in_with_password(client, supervisor)
    enter(client, code_for(app))
    page = client.get(reverse("two_factor"))
    assert "10 recovery codes left" in page.content.decode()
    response = client.post(reverse("two_factor"))
    assert response.status_code == 200
    new = set(StaticToken.objects.filter(device__user=supervisor).values_list("token", flat=True))
    assert len(new) == 10 and not new & set(old)


def test_a_next_address_on_another_site_is_ignored(client, supervisor, app):
    sign_in_with_password(client, supervisor)
    response = enter(client, code_for(app), "https://evil.example/")
    assert response["Location"] == reverse("learners:dashboard")


def test_an_administrator_can_reset_a_lost_second_factor(supervisor, app):
    second_factor.new_recovery_codes(supervisor)
    call_command("reset_second_factor", supervisor.username, stdout=open(os.devnull, "w"))
    assert second_factor.authenticator(supervisor) is None
    assert second_factor.recovery_codes_left(supervisor) == 0
    assert AuditEvent.objects.filter(action="second_factor.reset").exists()


def test_demo_authenticators_exist_only_with_debug_on(supervisor, learner):
    assert ensure_demo_authenticators([supervisor, learner]) == []
    with override_settings(DEBUG=True):
        assert ensure_demo_authenticators([supervisor, learner]) == [supervisor]
    device = second_factor.authenticator(supervisor)
    assert device.bin_key == base64.b32decode(DEMO_TOTP_SECRET)


def test_demo_authenticators_never_replace_a_real_one(supervisor, app):
    with override_settings(DEBUG=True):
        assert ensure_demo_authenticators([supervisor]) == []
    assert second_factor.authenticator(supervisor) == app


def test_production_settings_enforce_the_second_factor():
    """The test settings inherit the middleware; this checks the production module too."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "x" * 64,
        "DATABASE_URL": "sqlite:///:memory:",
    }
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.MIDDLEWARE.index('django_otp.middleware.OTPMiddleware') "
        "< s.MIDDLEWARE.index('cms.security.middleware.SecondFactorMiddleware'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == "True", result.stderr
