"""The learner hears (in the app, and by e-mail in their language) when their mentor
confirms or returns a practicum meeting, through the one notification pipeline
(``cms.notifications.deliver``), once per decision."""

from django.urls import reverse

from cms.links import absolute_url
from cms.notifications import deliver

from .models import PracticumEntry

CONFIRMED = "practicum_confirmed"
RETURNED = "practicum_returned"


def notify_decided(entry_id: int) -> None:
    entry = PracticumEntry.objects.select_related("learner", "programme").filter(pk=entry_id)
    entry = entry.first()
    if entry is None or entry.decided_at is None:
        return
    returned = entry.status == PracticumEntry.Status.RETURNED
    url = absolute_url(reverse("learners:practicum-entry", args=[entry.pk]))
    deliver(
        recipient=entry.learner,
        kind=RETURNED if returned else CONFIRMED,
        key=f"{entry.pk}:{entry.decided_at.isoformat()}",
        template="learners/practicum/email/" + ("returned" if returned else "confirmed"),
        context={"entry": entry, "learner": entry.learner, "url": url},
        url=url,
    )
