"""A programme without clinical supervisors routes essays to the learner's active mentor
(a volunteer co-facilitator): the one rule of who may grade
(``assessments.services.gradable_attempts``) lets them grade their mentee's essays, and
nobody else's, and only while the mentorship is active."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from learners.models import Mentorship
from tests.factories import UserFactory

from .conftest import url


@pytest.fixture
def submitted(enrolled, essay_exam):
    attempt = services.start_attempt(exam=essay_exam, learner=enrolled)
    essay = attempt.answers.get(snapshot__kind="essay")
    services.save_answer(attempt=attempt, question_id=essay.question_id, data={"text": "My plan"})
    return services.submit_attempt(attempt=attempt, actor=enrolled)


@pytest.fixture
def mentor(enrolled, avholdt):
    person = UserFactory(username="maja")  # a volunteer: no role, no supervisor profile
    Mentorship.objects.create(learner=enrolled, mentor=person, programme=avholdt)
    return person


def test_the_active_mentor_sees_and_grades_the_essay(client, submitted, mentor):
    client.force_login(mentor)
    exam = submitted.exam
    assert services.may_grade_exam(user=mentor, exam=exam)
    assert client.get(url(exam, "grading_queue")).status_code == 200
    essay = submitted.answers.get(snapshot__kind="essay")
    response = client.post(
        url(exam, "grade", answer_id=essay.pk), {"points": "4", "feedback": "Good."}
    )
    assert response.status_code == 302
    essay.refresh_from_db()
    assert essay.score == Decimal("4") and essay.graded_by == mentor


def test_a_mentor_of_someone_else_cannot_grade_this_essay(client, submitted, avholdt):
    stranger = UserFactory(username="mikkel")
    Mentorship.objects.create(
        learner=UserFactory(username="annen"), mentor=stranger, programme=avholdt
    )
    essay = submitted.answers.get(snapshot__kind="essay")
    assert not services.grading_queue(grader=stranger).exists()
    with pytest.raises(services.NotGradable):
        services.grade_answer(answer=essay, grader=stranger, points="2")
    client.force_login(stranger)
    assert client.get(url(submitted.exam, "grade", answer_id=essay.pk)).status_code == 404


def test_an_ended_mentorship_grades_nothing(submitted, mentor):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Mentorship.objects.filter(mentor=mentor).update(starts_on=yesterday, ends_on=yesterday)
    assert not services.may_grade_exam(user=mentor, exam=submitted.exam)
    assert not services.gradable_attempts(mentor).exists()


def test_the_mentors_home_lists_the_essay_waiting(client, submitted, mentor):
    client.force_login(mentor)
    page = client.get(reverse("learners:dashboard")).content.decode()
    assert "Your mentees" in page and "1 essay" in page
    assert url(submitted.exam, "grading_queue") in page
