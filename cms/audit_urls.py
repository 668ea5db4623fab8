"""The administrators' audit page, under /admin/audit/ (see cms/audit_views.py)."""

from django.urls import path
from django.views.decorators.cache import never_cache

from . import audit_views

app_name = "cms_audit"
urlpatterns = [
    path("", never_cache(audit_views.AuditIndexView.as_view()), name="index"),
    path(
        "results/",
        never_cache(audit_views.AuditIndexView.as_view(results_only=True)),
        name="index_results",
    ),
    path("<id:pk>/", never_cache(audit_views.AuditEventView.as_view()), name="detail"),
    path("verify/", never_cache(audit_views.verify), name="verify"),
]
