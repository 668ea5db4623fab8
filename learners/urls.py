"""URLs in the ``learners`` namespace, one list per room (and the notification pages of
the base layer, which keep their ``learners:`` names)."""

from cms.notifications import urls as notifications

from .certification import urls as certification
from .cohorts import urls as cohorts
from .dashboard import urls as dashboard
from .hours import urls as hours
from .journey import urls as journey
from .practicum import urls as practicum
from .reports import urls as reports
from .teamwork import urls as teamwork

app_name = "learners"
urlpatterns = [
    *dashboard.urlpatterns,
    *journey.urlpatterns,
    *hours.urlpatterns,
    *reports.urlpatterns,
    *notifications.urlpatterns,
    *cohorts.urlpatterns,
    *certification.urlpatterns,
    *teamwork.urlpatterns,
    *practicum.urlpatterns,
]
