"""``/accounts/data/…``: a person's own data; ``/admin/privacy/…``: erasure (mounted
ahead of the Wagtail admin's URLs, so people without access get a 404, not a login
redirect)."""

from django.urls import path
from django.views.decorators.cache import never_cache

from . import privacy_views

account_urlpatterns = [
    path("", privacy_views.personal_data, name="personal_data"),
    path("<id:pk>/", privacy_views.personal_export, name="personal_export"),
    path(
        "<id:pk>/download/",
        privacy_views.personal_export_download,
        name="personal_export_download",
    ),
]

admin_urlpatterns = [
    path(
        "erase/<id:user_id>/", never_cache(privacy_views.EraseView.as_view()), name="privacy_erase"
    ),
]
