"""URLs in the ``learners`` namespace: the learner journey and supervised practice hours."""

from . import urls_certificates, urls_hours, urls_journey

app_name = "learners"
urlpatterns = [
    *urls_journey.urlpatterns,
    *urls_hours.urlpatterns,
    *urls_certificates.urlpatterns,
]
