"""Failed passwords are throttled per account and per address (django-axes), on the
login form and on the sign-off password re-entry alike; the pause ends by itself."""

import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from learners.hours.models import HoursEntry

from .conftest import PASSWORD, log_hours

LIMIT = settings.AXES_FAILURE_LIMIT


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def end_the_pause():
    """Move every recorded failure back past the cool-off time."""
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time
        - settings.AXES_COOLOFF_TIME
        - datetime.timedelta(seconds=1)
    )


def test_the_right_password_after_too_many_wrong_ones_is_refused_until_the_pause_ends(
    client, learner
):
    for _ in range(LIMIT - 1):
        assert sign_in(client, "lene", "wrong password!").status_code == 200
    # The failure that reaches the limit already says so.
    assert sign_in(client, "lene", "wrong password!").status_code == 429
    refused = sign_in(client, "lene", PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    body = refused.content.decode()
    assert "Too many failed attempts" in body and "15 minutes" in body
    assert 'value="lene"' in body  # the page keeps what was typed

    end_the_pause()
    assert sign_in(client, "lene", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(learner.pk)


def test_fewer_failures_than_the_limit_still_let_the_right_password_in(client, learner):
    for _ in range(LIMIT - 1):
        sign_in(client, "lene", "wrong password!")
    assert sign_in(client, "lene", PASSWORD).status_code == 302


def test_an_account_is_paused_whichever_address_the_guesses_come_from(client, learner):
    for number in range(LIMIT):
        sign_in(client, "lene", "wrong password!", address=f"198.51.100.{number}")
    assert sign_in(client, "lene", PASSWORD, address="192.0.2.200").status_code == 429


def test_an_address_is_paused_whichever_accounts_it_guesses(client, learner, supervisor):
    for number in range(LIMIT):
        sign_in(client, f"someone{number}", "wrong password!")
    assert sign_in(client, "lene", PASSWORD).status_code == 429
    # Another address can still sign in to the same account.
    assert sign_in(client, "lene", PASSWORD, address="192.0.2.9").status_code == 302


def test_the_lockout_message_is_translated(client, learner):
    for _ in range(LIMIT):
        sign_in(client, "lene", "wrong password!")
    response = client.post(
        reverse("login"),
        {"username": "lene", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    assert response.status_code == 429
    assert "For din sikkerhet" in response.content.decode()


# --- The sign-off password re-entry ------------------------------------------------------


def approve(client, entry, password, address="203.0.113.7"):
    return client.post(
        reverse("learners:signoff"),
        {"entries": [entry.pk], "decision": "approve", "password": password, "comment": "Fint."},
        REMOTE_ADDR=address,
    )


def test_wrong_sign_off_passwords_pause_signing_and_logging_in(
    client, learner, supervisor, counselling
):
    entry = log_hours(learner, counselling, status="submitted")
    client.force_login(supervisor)
    for _ in range(LIMIT - 1):
        assert approve(client, entry, "not my password").status_code == 400
    paused = approve(client, entry, "not my password")
    assert paused.status_code == 429
    body = paused.content.decode()
    assert "Too many failed attempts" in body
    assert "Fint." in body  # the comment typed is still in the form

    assert approve(client, entry, PASSWORD).status_code == 429
    entry.refresh_from_db()
    assert entry.status == HoursEntry.Status.SUBMITTED and entry.signed_by is None
    # The same account cannot log in elsewhere meanwhile.
    other = client.__class__()
    assert sign_in(other, supervisor.username, PASSWORD, address="192.0.2.50").status_code == 429


def test_failed_logins_count_toward_the_sign_off_throttle(client, learner, supervisor, counselling):
    entry = log_hours(learner, counselling, status="submitted")
    client.force_login(supervisor)
    other = client.__class__()
    for _ in range(LIMIT):
        sign_in(other, supervisor.username, "wrong password!", address="192.0.2.60")
    assert approve(client, entry, PASSWORD).status_code == 429
    entry.refresh_from_db()
    assert entry.signed_by is None


def test_a_right_sign_off_password_signs(client, learner, supervisor, counselling):
    entry = log_hours(learner, counselling, status="submitted")
    client.force_login(supervisor)
    assert approve(client, entry, PASSWORD).status_code == 302
    entry.refresh_from_db()
    assert entry.signed_by == supervisor
