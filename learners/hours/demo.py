"""Demo data for practice hours (``manage.py load_demo``)."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from courses.models import ProgrammePage
from learners.cohorts.models import Supervision

from .models import HoursRequirement, PracticeCategory, SupervisorProfile

DEMO_CATEGORIES = [
    # key, name, required hours, is supervision
    ("individuelle-samtaler", "Individuelle samtaler", Decimal(100), False),
    ("gruppesamtaler", "Gruppesamtaler og gruppeveiledning", Decimal(60), False),
    ("saksbehandling", "Saksbehandling og koordinering", Decimal(40), False),
    ("dokumentasjon", "Dokumentasjon og journalføring", Decimal(30), False),
    ("mottatt-veiledning", "Mottatt veiledning", Decimal(30), True),
]


@transaction.atomic
def load_demo_hours(*, supervisor, learners, assigned_by=None) -> None:
    """The rusrådgiver programme's practice categories and requirement (300 hours, one
    hour of supervision per 10 practice hours), the demo supervisor's profile and their
    supervision of the demo learners. Idempotent: what exists is left as it is."""
    programme = ProgrammePage.objects.filter(content_key="rusradgiver").first()
    if programme is None:
        return
    for order, (slug, name, required, is_supervision) in enumerate(DEMO_CATEGORIES):
        PracticeCategory.objects.get_or_create(
            programme=programme,
            slug=slug,
            defaults={
                "name": name,
                "required_hours": required,
                "is_supervision": is_supervision,
                "sort_order": order,
            },
        )
    HoursRequirement.objects.get_or_create(
        programme=programme,
        defaults={"total_hours": Decimal(300), "practice_hours_per_supervision_hour": 10},
    )
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
