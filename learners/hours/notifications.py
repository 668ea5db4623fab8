"""Messages about practice hours, through the one notification pipeline
(``cms.notifications.deliver``): the learner hears of a returned entry, each
supervisor gets one digest of what newly waits for them."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.urls import reverse

from cms.links import absolute_url
from cms.notifications import SentMessage, deliver
from learners.cohorts.models import Supervision

from .models import HoursEntry

Status = HoursEntry.Status

RETURNED = "hours_returned"
ANNOUNCED = "hours_digest"


def notify_returned(entry_id: int) -> None:
    """The learner is told (e-mail and in-app) when a supervisor returns an entry, with
    the comment; once per return."""
    entry = HoursEntry.objects.select_related("learner", "category").filter(pk=entry_id).first()
    if entry is None:
        return
    url = absolute_url(reverse("learners:hours_entry", args=[entry.pk]))
    deliver(
        recipient=entry.learner,
        kind=RETURNED,
        key=f"{entry.pk}:{entry.decided_at.isoformat()}",
        template="learners/hours/email/returned",
        context={"entry": entry, "learner": entry.learner, "url": url},
        url=url,
    )


def announcement_key(entry: HoursEntry) -> str:
    """What the supervisor digest claims for each entry it announces: the entry and its
    submission, so an entry submitted again after a return is announced again."""
    return f"entry-{entry.pk}:{entry.submitted_at.isoformat()}"


def send_supervisor_digests() -> int:
    """Each supervisor with newly submitted entries waiting gets one message listing what
    waits — never one per entry. An entry is announced to a supervisor once. Returns the
    digests sent."""
    waiting = HoursEntry.objects.filter(
        status=Status.SUBMITTED,
        learner=OuterRef("learner"),
        programme=OuterRef("programme"),
        date__gte=OuterRef("starts_on"),
    )
    supervisions = Supervision.objects.active().filter(Exists(waiting))
    supervisor_ids = set(supervisions.values_list("supervisor_id", flat=True))
    url = absolute_url(reverse("learners:signoff"))
    sent = 0
    for supervisor in get_user_model().objects.filter(pk__in=supervisor_ids):
        waiting_entries = list(HoursEntry.objects.pending_for(supervisor))
        announced = set(
            SentMessage.objects.filter(kind=ANNOUNCED, recipient=supervisor).values_list(
                "key", flat=True
            )
        )
        new = [e for e in waiting_entries if announcement_key(e) not in announced]
        if not new:
            continue
        learners = defaultdict(list)
        for entry in waiting_entries:
            learners[entry.learner].append(entry)
        context = {
            "supervisor": supervisor,
            "waiting": waiting_entries,
            "new": new,
            "learners": dict(learners),
            "url": url,
        }
        sent += deliver(
            recipient=supervisor,
            kind=ANNOUNCED,
            key=[announcement_key(entry) for entry in new],
            template="learners/hours/email/digest",
            context=context,
            url=url,
        )
    return sent
