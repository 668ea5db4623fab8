from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.views import serve as wagtail_serve

from cms import document_views, language_views, privacy_urls, views
from learners.certification import urls as urls_certificates

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/audit/", include("cms.audit_urls")),  # before admin/: 404, not a login redirect
    path("admin/privacy/", include(privacy_urls.admin_urlpatterns)),  # the same
    # One sign-in, with the second factor, for the site and the admin: Wagtail's own
    # password-only login pages send people to it.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("_util/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("brand.css", views.brand_css, name="brand-css"),
    path("", include("learners.urls")),
    path("", include(urls_certificates.public_urlpatterns)),
    path("accounts/data/", include(privacy_urls.account_urlpatterns)),
    path("accounts/documents/<id:pk>/", document_views.document, name="document"),
    path(
        "accounts/documents/<id:pk>/download/",
        document_views.document_download,
        name="document_download",
    ),
    path("accounts/", include("cms.security.urls")),
    path("i18n/setlang/", language_views.set_language, name="set_language"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree; "home" is the root page. Page
# addresses carry their language: none for the default language's (nb) pages, /en/,
# /da/, /de/ for the others (cms/languages.py); the app's addresses above carry none.
urlpatterns += i18n_patterns(
    path("", wagtail_serve, {"path": ""}, name="home"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
