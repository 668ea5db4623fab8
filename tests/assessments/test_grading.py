"""Essays go to the learner's supervisor or the programme's lead; only they see them."""

from decimal import Decimal

import pytest

from assessments import services
from assessments.models import Attempt
from cms.models import AuditEvent
from learners.models import Cohort, Organisation, Supervision
from tests.factories import make_lead

from .conftest import url


@pytest.fixture
def submitted(enrolled, essay_exam):
    attempt = services.start_attempt(exam=essay_exam, learner=enrolled)
    essay = attempt.answers.get(snapshot__kind="essay")
    services.save_answer(attempt=attempt, question_id=essay.question_id, data={"text": "My plan"})
    return services.submit_attempt(attempt=attempt, actor=enrolled)


@pytest.fixture
def supervision(enrolled, supervisor, avholdt):
    return Supervision.objects.create(learner=enrolled, supervisor=supervisor, programme=avholdt)


@pytest.fixture
def leading(lead, avholdt):
    organisation = Organisation.objects.create(name="Klinikk", slug="klinikk")
    make_lead(lead, avholdt)
    return Cohort.objects.create(
        organisation=organisation, programme=avholdt, name="Vår", lead=lead
    )


def test_an_attempt_with_an_essay_waits_for_grading(submitted):
    assert submitted.status == Attempt.Status.SUBMITTED
    assert submitted.score is None


def test_the_supervisor_sees_and_grades_the_essay(client, submitted, supervisor, supervision):
    client.force_login(supervisor)
    exam = submitted.exam
    queue = client.get(url(exam, "grading_queue"))
    assert queue.status_code == 200 and "Grade" in queue.content.decode()
    essay = submitted.answers.get(snapshot__kind="essay")
    form = client.get(url(exam, "grade", answer_id=essay.pk)).content.decode()
    assert "My plan" in form and "RUBRIC" in form

    response = client.post(
        url(exam, "grade", answer_id=essay.pk), {"points": "4", "feedback": "Clear plan."}
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    essay.refresh_from_db()
    assert essay.score == Decimal("4") and essay.graded_by == supervisor
    assert submitted.status == Attempt.Status.FAILED  # 4 of 9 points < 60 %
    assert AuditEvent.objects.filter(action="exam.answer.graded").count() == 1


def test_points_outside_the_range_are_refused(submitted, supervisor, supervision):
    essay = submitted.answers.get(snapshot__kind="essay")
    with pytest.raises(services.NotGradable):
        services.grade_answer(answer=essay, grader=supervisor, points="5")
    with pytest.raises(services.NotGradable):
        services.grade_answer(answer=essay, grader=supervisor, points="-1")


def test_a_graded_essay_is_not_graded_again(submitted, supervisor, supervision):
    essay = submitted.answers.get(snapshot__kind="essay")
    services.grade_answer(answer=essay, grader=supervisor, points="2")
    with pytest.raises(services.NotGradable):
        services.grade_answer(answer=essay, grader=supervisor, points="4")


def test_another_supervisor_gets_404(client, submitted, other_supervisor, supervision, avholdt):
    # Supervising someone else in the programme opens the queue, but not this learner's essay.
    from tests.factories import UserFactory

    Supervision.objects.create(
        learner=UserFactory(), supervisor=other_supervisor, programme=avholdt
    )
    client.force_login(other_supervisor)
    essay = submitted.answers.get(snapshot__kind="essay")
    assert "My plan" not in client.get(url(submitted.exam, "grading_queue")).content.decode()
    assert client.get(url(submitted.exam, "grade", answer_id=essay.pk)).status_code == 404
    response = client.post(url(submitted.exam, "grade", answer_id=essay.pk), {"points": "4"})
    assert response.status_code == 404
    with pytest.raises(services.NotGradable):
        services.grade_answer(answer=essay, grader=other_supervisor, points="4")


def test_a_learner_cannot_open_the_grading_queue(client, submitted, enrolled):
    client.force_login(enrolled)
    assert client.get(url(submitted.exam, "grading_queue")).status_code == 404
    assert client.get(url(submitted.exam, "report")).status_code == 404


def test_the_programme_lead_grades_too(submitted, lead, leading):
    essay = submitted.answers.get(snapshot__kind="essay")
    services.grade_answer(answer=essay, grader=lead, points="4")
    submitted.refresh_from_db()
    assert submitted.is_final


def test_a_lead_of_another_programme_does_not(submitted, lead):
    organisation = Organisation.objects.create(name="Annen", slug="annen")
    from courses.models import ProgrammePage

    other = ProgrammePage.objects.get(content_key="rusradgiver")
    Cohort.objects.create(organisation=organisation, programme=other, name="X", lead=lead)
    make_lead(lead, other)
    essay = submitted.answers.get(snapshot__kind="essay")
    with pytest.raises(services.NotGradable):
        services.grade_answer(answer=essay, grader=lead, points="4")


def test_grading_queue_query_budget(client, submitted, supervisor, supervision, essay_exam,
                                    avholdt, django_assert_max_num_queries):  # fmt: skip
    from learners.models import Enrolment
    from tests.factories import UserFactory

    for name in ("per", "pia", "pal"):  # three more supervisees with essays to grade
        learner = UserFactory(username=name)
        Enrolment.objects.create(learner=learner, programme=avholdt)
        Supervision.objects.create(learner=learner, supervisor=supervisor, programme=avholdt)
        services.submit_attempt(attempt=services.start_attempt(exam=essay_exam, learner=learner))
    client.force_login(supervisor)
    # +2: header notification badge, cohorts link; +3: the menu's work counts (roles,
    # hours to sign off, essays to grade).
    # +3: the active language's page tree, and the exam's source (a translation's
    # attempts are its source's).
    with django_assert_max_num_queries(32):
        response = client.get(url(submitted.exam, "grading_queue"))
    assert response.status_code == 200
    assert response.content.decode().count(">Grade</a>") == 4


def test_the_learner_hears_when_the_graded_essay_makes_the_result_ready(
    submitted, supervisor, supervision, django_capture_on_commit_callbacks
):
    from django.core import mail

    essay = submitted.answers.get(snapshot__kind="essay")
    assert not mail.outbox  # submitting with an essay waiting announces nothing yet
    with django_capture_on_commit_callbacks(execute=True):
        services.grade_answer(answer=essay, grader=supervisor, points="4", feedback="Clear.")
    [message] = mail.outbox
    assert message.to == [submitted.learner.email]
    assert "is ready" in message.subject and "did not pass" in message.body
    assert submitted.get_absolute_url() in message.body
