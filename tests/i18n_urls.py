"""The site's URLs with the page tree under ``i18n_patterns`` (prefix_default_language=
False), as the person-language work sets up in cms/urls.py: a page in Locale ``da`` is
served under /da/…, so the tests reach every locale's tree by the page's own URL."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.views import serve as wagtail_serve

from cms.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    *site_urlpatterns[:-2],  # everything but the page tree, which comes last in cms/urls.py
    *i18n_patterns(
        path("", wagtail_serve, {"path": ""}, name="home"),
        path("", include(wagtail_urls)),
        prefix_default_language=False,
    ),
]
