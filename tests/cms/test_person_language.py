"""A language per person: chosen at the first visit from the browser, changed in the
header's language form (a plain POST), stored on the person's Wagtail profile, and used
for the interface, the admin, e-mails and the PDFs they download. Page addresses carry
their language; the app's addresses use the person's. (Tests run with LANGUAGE_CODE=en.)"""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from cms.languages import (
    person_language,
    remember_first_language,
    request_language,
    set_person_language,
    stored_language,
)
from cms.notifications import deliver
from learners.journey import journal
from tests.factories import UserFactory


def default_url(page) -> str:
    """The page's address without a prefix, whatever language is active."""
    with translation.override(settings.LANGUAGE_CODE):
        return page.get_url()


def html_lang(response) -> str:
    return re.search(r'<html[^>]* lang="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def german(learner):
    set_person_language(learner, "de")
    return learner


def test_a_first_visit_to_the_front_page_follows_the_browser(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="da,en;q=0.5")
    assert response.status_code == 302 and response["Location"] == "/da/"
    assert html_lang(client.get("/da/", HTTP_ACCEPT_LANGUAGE="da")) == "da"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200


def test_app_pages_follow_the_browser_then_the_cookie(client, db):
    login = reverse("login")
    assert html_lang(client.get(login, HTTP_ACCEPT_LANGUAGE="de")) == "de"
    client.post(reverse("set_language"), {"language": "da", "next": login})
    assert html_lang(client.get(login, HTTP_ACCEPT_LANGUAGE="de")) == "da"


def test_the_person_s_stored_language_wins_over_the_browser(client, german):
    client.force_login(german)
    response = client.get(reverse("learners:dashboard"), HTTP_ACCEPT_LANGUAGE="nb")
    assert html_lang(response) == "de"
    assert "Übersicht" in response.content.decode()


def test_a_page_address_chooses_the_translation_and_the_interface_stays_the_readers(
    client, german, avholdt
):
    """The address picks which translation of the page is shown (so a link shows the same
    text to everyone); the interface around it is the reader's, the content keeps its
    own ``lang``."""
    client.force_login(german)
    response = client.get(avholdt.url)
    assert response.status_code == 200 and html_lang(response) == "de"
    assert f'lang="{avholdt.language}"' in response.content.decode()


def test_the_language_form_stores_the_choice_and_returns_to_the_same_page(client, learner):
    client.force_login(learner)
    dashboard = reverse("learners:dashboard")
    response = client.post(reverse("set_language"), {"language": "nb", "next": dashboard})
    assert response.status_code == 302 and response["Location"] == dashboard
    assert UserProfile.get_for_user(learner).preferred_language == "nb"
    assert html_lang(client.get(dashboard)) == "nb"


def test_the_language_form_on_an_untranslated_page_stays_on_it(client, avholdt):
    url = avholdt.url
    response = client.post(reverse("set_language"), {"language": "de", "next": url})
    assert response["Location"] == url
    assert html_lang(client.get(url)) == "de"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/"])
def test_the_language_form_goes_nowhere_else(client, db, next_url):
    """Another site's address is replaced by the front page (in the chosen language)."""
    response = client.post(reverse("set_language"), {"language": "de", "next": next_url})
    assert response["Location"] == "/de/"


def test_the_language_form_refuses_a_language_we_do_not_offer(client, learner):
    client.force_login(learner)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert stored_language(learner) == ""
    assert client.get(reverse("set_language")).status_code == 405


def test_signing_in_keeps_the_browser_s_language_when_none_was_chosen(db):
    person = UserFactory()
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="da-DK,da;q=0.9")
    remember_first_language(None, request=request, user=person)
    assert person_language(person) == "da"
    later = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="de")
    remember_first_language(None, request=later, user=person)
    assert person_language(person) == "da"  # a choice made is kept


def test_a_person_without_a_choice_reads_the_site_language(db, settings):
    assert person_language(UserFactory()) == settings.LANGUAGE_CODE


def test_the_admin_speaks_danish_to_a_danish_administrator(client, administrator):
    set_person_language(administrator, "da")
    client.force_login(administrator)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert html_lang(response) == "da"
    assert "Sider" in response.content.decode()  # Wagtail's Danish catalogue


def test_a_message_is_written_in_the_recipient_s_language(german):
    deliver(
        recipient=german,
        kind="test",
        key="language",
        template="notifications/comment_added",
        context={"author": german, "entry": None, "url": "https://praksis.example/"},
    )
    [message] = mail.outbox
    assert "kommentiert" in message.subject


def test_a_german_learner_s_journal_pdf_is_german(german, monkeypatch):
    rendered = {}
    monkeypatch.setattr(journal, "html_to_pdf", lambda html: rendered.setdefault("html", html))
    journal.export_pdf(learner=german)
    assert '<html lang="de">' in rendered["html"]
    assert "Lerntagebuch von" in rendered["html"]


def test_the_request_language_rule(rf, german, avholdt):
    request = rf.get("/da" + default_url(avholdt))
    request.user = german
    assert request_language(request) == "da"
    request = rf.get(reverse("learners:dashboard"))
    request.user = german
    assert request_language(request) == "de"
