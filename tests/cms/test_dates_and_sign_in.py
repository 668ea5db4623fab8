"""English pages write dates day first; signing in lands on the person's home, or where
they came from."""

import datetime

from django.urls import reverse
from django.utils import formats, translation

from tests.factories import UserFactory


def test_english_dates_are_day_first_and_unambiguous():
    day = datetime.date(2026, 7, 12)
    with translation.override("en"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "12 Jul 2026"
        assert formats.date_format(day, "DATE_FORMAT") == "12 July 2026"
    with translation.override("nb"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "12.07.2026"


def test_signing_in_without_a_destination_lands_on_the_dashboard(client, db):
    UserFactory(username="kari", password="correct horse battery staple")
    response = client.post(
        reverse("login"), {"username": "kari", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("learners:dashboard")


def test_the_header_log_in_link_returns_to_the_page_it_was_on(client, avholdt):
    html = client.get(avholdt.url + "?tab=modules").content.decode()
    assert f'{reverse("login")}?next={avholdt.url}%3Ftab%3Dmodules"' in html
    login_page = client.get(reverse("login")).content.decode()
    assert "?next=/accounts/login/" not in login_page
