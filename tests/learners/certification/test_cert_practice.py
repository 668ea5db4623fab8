"""Direct practice, supervision received and the supervision ratio are separate
requirements in the checklist, each saying what is missing."""

from decimal import Decimal

import pytest
from django.utils import translation

from courses.models import ProgrammePage
from learners.certification.eligibility import eligibility
from learners.models import HoursRequirement, PracticeCategory
from tests.factories import ApprovedHoursFactory, certification_track

ROWS = [
    ("practice_hours", "", Decimal(40), ""),
    ("supervision_hours", "", Decimal(3), ""),
    ("supervision_ratio", "", None, ""),
]


@pytest.fixture
def counsellor(db) -> ProgrammePage:
    programme = ProgrammePage.objects.get(content_key="rusradgiver")
    certification_track(programme, rows=ROWS)
    return programme


def standing(learner, programme) -> dict:
    with translation.override("en"):
        return {
            item.kind: (item.met, item.message)
            for item in eligibility(learner, programme).requirements
        }


def log(learner, key, hours):
    category = PracticeCategory.objects.get(slug=key)
    ApprovedHoursFactory(learner=learner, category=category, hours=Decimal(hours))


def test_supervision_does_not_count_as_direct_practice(learner, counsellor):
    log(learner, "radgivning", 30)
    log(learner, "mottatt-veiledning", 5)
    result = standing(learner, counsellor)
    assert result["practice_hours"] == (
        False, "10 more approved hours of direct practice (30 of 40)"
    )  # fmt: skip
    assert result["supervision_hours"] == (True, "5 approved hours of supervision received")
    assert result["supervision_ratio"][0] is True


def test_the_ratio_asks_for_supervision_as_practice_grows(learner, counsellor):
    log(learner, "radgivning", 40)
    log(learner, "screening", 15)
    log(learner, "mottatt-veiledning", 3)
    result = standing(learner, counsellor)
    assert result["practice_hours"][0] and result["supervision_hours"][0]
    assert result["supervision_ratio"] == (
        False,
        "2.5 more hours of supervision for the practice hours approved so far "
        "(one hour per 10 practice hours: 3 of 5.5)",
    )
    log(learner, "mottatt-veiledning", "2.5")
    met, message = standing(learner, counsellor)["supervision_ratio"]
    assert met and message.startswith("Supervision ratio met: 5.5 hours received, 5.5 needed")


def test_the_ratio_is_the_programmes(learner, counsellor):
    HoursRequirement.objects.filter(programme=counsellor).update(
        practice_hours_per_supervision_hour=20
    )
    log(learner, "radgivning", 40)
    log(learner, "mottatt-veiledning", 2)
    assert standing(learner, counsellor)["supervision_ratio"][0] is True
