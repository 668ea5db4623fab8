"""Demo data for the practicum (``manage.py load_demo``)."""

import datetime

from django.db import transaction
from django.utils import timezone

from courses.models import ProgrammePage
from learners.cohorts.models import Mentorship
from learners.journey.models import Enrolment
from learners.journey.progress import enrol

from .models import PracticumEntry, Role

Status = PracticumEntry.Status
# (days ago, format, role, minutes, attendees, status, reflection)
MEETINGS = [
    (40, "in-person", Role.OBSERVER, 90, 7, Status.CONFIRMED,
     "Jeg fulgte møtet fra start til slutt og noterte hvordan fasilitatoren holdt tiden."),
    (26, "in-person", Role.CO_FACILITATOR, 90, 9, Status.CONFIRMED,
     "Jeg ledet innsjekkingsrunden. Neste gang vil jeg minne om rammene før runden."),
    (12, "online", Role.CO_FACILITATOR, 75, 6, Status.CONFIRMED,
     "Første nettmøte: jeg introduserte skjemaet for fordeler og ulemper."),
    (3, "in-person", Role.LEAD_FACILITATOR, 90, 8, Status.SUBMITTED,
     "Jeg ledet hele møtet med mentor til stede. Pausen kom for sent."),
]  # fmt: skip


@transaction.atomic
def load_demo_practicum(*, mentor, learner, assigned_by) -> None:
    """The demo learner enrolled in SMART with the demo mentor, three confirmed meetings
    and one waiting in the mentor's queue (confirming it meets the track's three
    co-facilitated meetings). Idempotent: a learner who already has meetings is left as
    they are."""
    programme = ProgrammePage.objects.filter(content_key="smart-facilitator").first()
    if programme is None:
        return
    today = timezone.localdate()
    if not Enrolment.objects.filter(learner=learner, programme=programme).exists():
        enrol(learner=learner, programme=programme, actor=assigned_by)
    Mentorship.objects.get_or_create(
        learner=learner,
        mentor=mentor,
        programme=programme,
        defaults={"starts_on": today - datetime.timedelta(days=60), "assigned_by": assigned_by},
    )
    if PracticumEntry.objects.filter(learner=learner, programme=programme).exists():
        return
    now = timezone.now()
    for days, form, role, minutes, attendees, status, reflection in MEETINGS:
        confirmed = status == Status.CONFIRMED
        PracticumEntry.objects.create(
            learner=learner, programme=programme, date=today - datetime.timedelta(days=days),
            format=form, role=role, duration_minutes=minutes, attendees=attendees,
            reflection=reflection, status=status, submitted_at=now,
            decided_at=now if confirmed else None, decided_by=mentor if confirmed else None,
        )  # fmt: skip
