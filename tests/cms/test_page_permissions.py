"""A programme lead changes only the programmes they lead, in the Wagtail editor as
everywhere (cms.page_permissions): another programme's pages are neither editable nor
listed, and a lead without a grant changes no page."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from courses.models import ModulePage, ProgrammeIndexPage, ProgrammePage
from tests.factories.people import make_lead


@pytest.fixture
def counsellor(db) -> ProgrammePage:
    return ProgrammePage.objects.get(content_key="rusradgiver")


def test_a_lead_edits_their_programme_and_its_translations_only(lead, avholdt, counsellor):
    make_lead(lead, avholdt)
    module = ModulePage.objects.get(content_key="avholdt-01")
    english = module.get_translation(Locale.objects.get(language_code="en"))
    assert module.permissions_for_user(lead).can_edit()
    assert avholdt.permissions_for_user(lead).can_add_subpage()
    assert english.permissions_for_user(lead).can_edit()
    other = counsellor.get_children().first()
    assert not other.permissions_for_user(lead).can_edit()
    assert not counsellor.permissions_for_user(lead).can_add_subpage()
    # A new programme is the administrators' to create.
    assert not ProgrammeIndexPage.objects.first().permissions_for_user(lead).can_add_subpage()


def test_a_lead_without_a_grant_changes_no_page(lead, avholdt):
    module = ModulePage.objects.get(content_key="avholdt-01")
    assert not module.permissions_for_user(lead).can_edit()
    assert not avholdt.permissions_for_user(lead).can_add_subpage()


def test_another_programmes_editor_is_refused_and_not_listed(client, lead, avholdt, counsellor):
    make_lead(lead, avholdt)
    client.force_login(lead)
    own = ModulePage.objects.get(content_key="avholdt-01")
    other = counsellor.get_children().first()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk]))
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or reverse("wagtailadmin_home") in response["Location"]
    title = other.title
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[other.pk]), {"title": "Endret", "slug": "x"}
    )
    other.refresh_from_db()
    assert response.status_code in (302, 403) and other.title == title
    catalogue = ProgrammeIndexPage.objects.get(pk=avholdt.get_parent().pk)
    listing = client.get(reverse("wagtailadmin_explore", args=[catalogue.pk]))
    html = listing.content.decode()
    assert listing.status_code == 200 and avholdt.title in html and counsellor.title not in html


def test_an_administrator_keeps_every_page(administrator, counsellor):
    assert counsellor.permissions_for_user(administrator).can_edit()
    assert counsellor.get_children().first().permissions_for_user(administrator).can_publish()
