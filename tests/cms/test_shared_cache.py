"""What every page's frame reads with the signed-in user (``cms.security.backends``) is
theirs, and what it keeps in the cache (``cms.shared_cache``, ``cms.routing``) is
forgotten when it changes: the next page shows the change, and a view restriction added
after pages were served without asking is enforced at once."""

from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import PageViewRestriction, Site

from cms.access import LEARNERS, role_names
from cms.models import SiteSettings
from cms.notifications import mark_read, notify, unread_count
from cms.routing import RESTRICTIONS_KEY
from courses.models import ProgrammeIndexPage
from learners.cohorts.models import Supervision
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


def signed_in(client, person):
    """The user as the request loads them (``cms.security.backends``)."""
    client.force_login(person)
    return client.get(reverse("learners:dashboard")).wsgi_request.user


def test_the_signed_in_user_carries_roles_permissions_unread_count_and_supervision(
    client, learner, supervisor, avholdt
):
    user = signed_in(client, learner)
    assert role_names(user) == {LEARNERS}
    assert not user.has_perm("learners.view_cohort") and user.unread_notifications == 0
    assert user.supervises_anyone is False

    learner.user_permissions.add(Permission.objects.get(codename="view_cohort"))
    notify(recipient=learner, kind="test", title="Hei")
    Supervision.objects.create(learner=supervisor, supervisor=learner, programme=avholdt)
    user = signed_in(client, learner)
    assert user.has_perm("learners.view_cohort") and user.unread_notifications == 1
    assert unread_count(user) == 1 and user.supervises_anyone is True
    mark_read(user=user)
    assert unread_count(user) == 0


def test_without_a_shared_cache_a_restriction_is_never_taken_from_it(
    client, learner, administrator, avholdt, avholdt_modules, settings
):
    """Production without Redis runs processes with caches of their own: a restriction
    saved through another process must hold here although this cache still says none."""
    settings.SHARED_CACHE = False
    module = avholdt_modules[0]
    progress.enrol(learner=learner, programme=avholdt, actor=learner)
    client.force_login(learner)
    restriction = PageViewRestriction.objects.create(
        page=module, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(administrator.groups.all())
    cache.set(RESTRICTIONS_KEY, False)  # what another process's save left unheard here
    assert client.get(module.url + "?continue=1").status_code != 200
