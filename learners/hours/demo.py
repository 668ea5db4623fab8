"""Demo data for practice hours (``manage.py load_demo``)."""

from django.db import transaction
from django.utils import timezone

from courses.models import ProgrammePage
from learners.cohorts.models import Supervision

from .models import SupervisorProfile


@transaction.atomic
def load_demo_hours(*, supervisor, learners, assigned_by=None) -> None:
    """The demo supervisor's profile and their supervision of the demo learners in the
    rusrådgiver programme (whose practice categories come from its programme.md).
    Idempotent: what exists is left as it is."""
    programme = ProgrammePage.objects.filter(content_key="rusradgiver").first()
    if programme is None:
        return
    SupervisorProfile.objects.get_or_create(
        user=supervisor,
        defaults={
            "credential": "Klinisk sosionom, spesialist i rusfeltet",
            "licence_number": "HPR 9876543",
        },
    )
    starts_on = timezone.localdate().replace(month=1, day=1)
    for learner in learners:
        Supervision.objects.get_or_create(
            learner=learner,
            supervisor=supervisor,
            programme=programme,
            defaults={"starts_on": starts_on, "assigned_by": assigned_by},
        )
