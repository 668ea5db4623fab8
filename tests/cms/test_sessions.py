"""Idle sessions end after SESSION_IDLE_TIMEOUT; every session ends SESSION_COOKIE_AGE
after sign-in; the session is written at most once a minute just to say "still here"."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.security import middleware
from learners.management.commands.load_demo import DEMO_PASSWORD

PASSWORD = "correct horse battery staple"


@pytest.fixture
def signed_in(client, learner):
    response = client.post(reverse("login"), {"username": "lene", "password": PASSWORD})
    assert response.status_code == 302
    return client


def shift_clock(client, seconds: int, *keys: str) -> None:
    session = client.session
    for key in keys:
        session[key] -= seconds
    session.save()


def test_a_session_ends_after_the_idle_timeout(signed_in):
    assert signed_in.get("/dashboard/").status_code == 200
    shift_clock(signed_in, settings.SESSION_IDLE_TIMEOUT + 1, middleware.LAST_SEEN)
    response = signed_in.get("/dashboard/", follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "without activity" in response.content.decode()
    assert "_auth_user_id" not in signed_in.session


def test_activity_keeps_a_session_alive(signed_in):
    shift_clock(signed_in, settings.SESSION_IDLE_TIMEOUT - 60, middleware.LAST_SEEN)
    assert signed_in.get("/dashboard/").status_code == 200
    shift_clock(signed_in, settings.SESSION_IDLE_TIMEOUT - 60, middleware.LAST_SEEN)
    assert signed_in.get("/dashboard/").status_code == 200


def test_a_busy_session_still_ends_at_the_maximum_age(signed_in):
    shift_clock(signed_in, settings.SESSION_COOKIE_AGE + 1, middleware.SIGNED_IN)
    response = signed_in.get("/dashboard/")
    assert response.status_code == 302
    assert "_auth_user_id" not in signed_in.session


def test_the_session_is_written_at_most_once_a_minute(signed_in, django_assert_max_num_queries):
    signed_in.get("/dashboard/")
    session_writes = [
        query
        for query in _queries(signed_in, django_assert_max_num_queries)
        if query["sql"].startswith("UPDATE") and "django_session" in query["sql"]
    ]
    assert session_writes == []
    shift_clock(signed_in, middleware.TOUCH_EVERY, middleware.LAST_SEEN)
    before = signed_in.session[middleware.LAST_SEEN]
    signed_in.get("/dashboard/")
    assert signed_in.session[middleware.LAST_SEEN] > before


def _queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(100) as captured:
        assert client.get("/dashboard/").status_code == 200
    return captured.captured_queries


def test_passwords_need_twelve_characters():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("short-pass1")


def test_the_demo_password_passes_the_validators():
    validate_password(DEMO_PASSWORD)
