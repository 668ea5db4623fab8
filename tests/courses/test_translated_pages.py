"""Translated programmes on the site and in the admin: each programme once in the
catalogue, in the visitor's language where translated; language links with hreflang;
the out-of-date translations report, scoped like every lead view."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.models import AuditEvent
from courses.content.loader import load_content
from courses.models import ModulePage, ProgrammePage, catalogue_programmes
from courses.translation import stale_translations
from tests.factories import make_lead

from .test_translations import FIXTURE


@pytest.fixture
def translated(db):
    assert load_content(FIXTURE).errors == []
    source = ProgrammePage.objects.get(content_key="oversatt")
    return source, source.get_translation(source.locale.__class__.objects.get(language_code="en"))


def test_the_catalogue_lists_each_programme_once_in_the_visitors_language(translated):
    source, english = translated
    english_list = [p.pk for p in catalogue_programmes("en")]
    assert english.pk in english_list and source.pk not in english_list
    danish_list = [p.pk for p in catalogue_programmes("da")]
    assert source.pk in danish_list and english.pk not in danish_list
    assert len(english_list) == len(danish_list)


def test_each_language_version_is_served_and_links_to_the_others(client, translated):
    source, english = translated
    assert english.url.startswith("/programmer/") and source.url.startswith("/nb/")
    html = client.get(english.url).content.decode()
    assert "Conversation as a tool" in html
    assert f'<a href="{source.url}" lang="nb" hreflang="nb">Norsk (bokmål)</a>' in html
    html = client.get(source.url).content.decode()
    assert "Samtalen som verktøy" in html
    assert f'<a href="{english.url}" lang="en" hreflang="en">English</a>' in html


def test_a_lead_sees_and_clears_the_out_of_date_translations_of_her_programmes(
    client, translated, lead, other_supervisor
):
    source, english = translated
    module = ModulePage.objects.get(content_key="oversatt-01")
    module.title = "Å forberede seg"
    module.save_revision().publish()
    url = reverse("courses_translations:stale")
    client.force_login(lead)
    assert "Preparation" not in client.get(url).content.decode()  # not her programme
    make_lead(lead, source)
    html = client.get(url).content.decode()
    assert "Preparation" in html and "Å forberede seg" in html
    translation = module.get_translation(english.locale)
    response = client.post(reverse("courses_translations:synced", args=[translation.pk]))
    assert response.status_code == 302
    assert list(stale_translations()) == []
    assert AuditEvent.objects.filter(action="translation.synced", actor=lead).exists()
    client.force_login(other_supervisor)  # no admin access: Wagtail sends her to log in
    assert client.get(url).status_code == 302


def test_the_report_costs_the_same_for_one_row_or_many(client, translated, administrator):
    """Query budget of the list: the rows come with their pages, locales and revisions."""
    url = reverse("courses_translations:stale")
    client.force_login(administrator)
    modules = list(ModulePage.objects.filter(content_key__in=["oversatt-01", "oversatt-02"]))
    modules[0].save_revision().publish()
    client.get(url)  # warm the per-process caches (site root paths, admin menu)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).content.decode().count("/synced/") == 1
    modules[1].save_revision().publish()
    translated[0].save_revision().publish()
    with CaptureQueriesContext(connection) as three:
        html = client.get(url).content.decode()
    assert html.count("/synced/") == 3
    assert len(three) == len(one)


def test_the_menus_catalogue_link_leads_to_the_readers_language(client, translated):
    source, english = translated
    html = client.get(english.url).content.decode()
    assert f'href="{english.get_parent().url}"' in html  # /programmer/: English is the test default
    html = client.get(source.url).content.decode()
    assert f'href="{source.get_parent().url}"' in html  # /nb/programmer/


def test_the_language_form_on_a_translated_page_goes_to_its_translation(client, translated):
    source, english = translated
    response = client.post(reverse("set_language"), {"language": "en", "next": source.url})
    assert response["Location"] == english.url
    response = client.post(reverse("set_language"), {"language": "nb", "next": english.url})
    assert response["Location"] == source.url
