"""URLs in the ``learners`` namespace, one list per room."""

from .certification import urls as certification
from .cohorts import urls as cohorts
from .dashboard import urls as dashboard
from .hours import urls as hours
from .journey import urls as journey
from .reports import urls as reports

app_name = "learners"
urlpatterns = [
    *dashboard.urlpatterns,
    *journey.urlpatterns,
    *hours.urlpatterns,
    *reports.urlpatterns,
    *cohorts.urlpatterns,
    *certification.urlpatterns,
]
