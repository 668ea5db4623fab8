"""What every page's frame keeps in the cache (``cms.shared_cache``, ``cms.routing``) is
forgotten when it changes: the next page shows the change, and a view restriction added
after pages were served without asking is enforced at once."""

from django.urls import reverse
from wagtail.models import PageViewRestriction, Site

from cms.models import SiteSettings
from courses.models import ProgrammeIndexPage
from learners.journey import progress


def test_a_view_restriction_added_after_views_is_enforced_at_once(
    client, learner, administrator, avholdt, avholdt_modules
):
    module = avholdt_modules[0]
    progress.enrol(learner=learner, programme=avholdt, actor=learner)
    client.force_login(learner)
    assert client.get(module.url + "?continue=1").status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=module, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(administrator.groups.all())
    assert client.get(module.url + "?continue=1").status_code != 200
    restriction.delete()
    assert client.get(module.url + "?continue=1").status_code == 200


def test_the_site_settings_show_on_the_next_page_after_a_change(client, learner):
    client.force_login(learner)
    assert "Avdeling Nord" not in client.get(reverse("learners:dashboard")).text
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "Avdeling Nord"
    settings.save()
    assert "Avdeling Nord" in client.get(reverse("learners:dashboard")).text


def test_the_menu_follows_the_catalogue_when_it_moves(client, learner):
    client.force_login(learner)
    page = client.get(reverse("learners:dashboard")).text
    linked = [c for c in ProgrammeIndexPage.objects.live() if f'href="{c.url}"' in page]
    assert linked
    catalogue, old = linked[0], linked[0].url
    catalogue.slug = "katalog-flyttet"
    catalogue.save_revision().publish()
    page = client.get(reverse("learners:dashboard")).text
    assert f'href="{old}"' not in page and "katalog-flyttet/" in page
