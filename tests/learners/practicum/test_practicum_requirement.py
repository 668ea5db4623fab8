"""The ``practicum`` requirement kind: SMART's track counts meetings a mentor confirmed
as co-facilitator or lead facilitator, confirmed only, the learner's own only."""

from courses.models import TrackRequirement
from learners.certification.eligibility import eligibility
from learners.practicum import rules

from .conftest import log_meeting


def practicum_result(learner, programme):
    [result] = [r for r in eligibility(learner, programme).requirements if r.kind == "practicum"]
    return result


def test_smart_counts_three_meetings_as_co_facilitator(smart):
    row = TrackRequirement.objects.get(track__programme=smart, kind="practicum")
    assert (row.key, int(row.amount)) == ("co-facilitator", 3)


def test_only_confirmed_meetings_in_the_role_or_higher_count(mentee, mentor, smart):
    log_meeting(mentee, smart, status="confirmed", mentor=mentor)
    log_meeting(mentee, smart, status="confirmed", mentor=mentor, role="observer")
    log_meeting(mentee, smart, status="returned", mentor=mentor)
    log_meeting(mentee, smart)  # a draft
    waiting = log_meeting(mentee, smart, status="submitted", role="lead-facilitator")
    result = practicum_result(mentee, smart)
    assert not result.met and (int(result.achieved), int(result.required)) == (1, 3)
    assert "1 of 3 practicum meetings" in result.message

    rules.confirm(waiting, mentor=mentor)
    log_meeting(mentee, smart, status="confirmed", mentor=mentor)
    result = practicum_result(mentee, smart)
    assert result.met and int(result.achieved) == 3
    assert "Co-facilitator or a higher role" in result.message


def test_another_learners_meetings_do_not_count(mentee, mentor, other_mentor, smart):
    other = other_mentor.mentees.get().learner
    for _ in range(3):
        log_meeting(other, smart, status="confirmed", mentor=other_mentor)
    assert int(practicum_result(mentee, smart).achieved) == 0
