"""URLs in the ``learners`` namespace: the learner journey, practice
hours, cohorts and sessions, certificates."""

from . import urls_certificates, urls_cohorts, urls_hours, urls_journey

app_name = "learners"
urlpatterns = [
    *urls_journey.urlpatterns,
    *urls_hours.urlpatterns,
    *urls_cohorts.urlpatterns,
    *urls_certificates.urlpatterns,
]
