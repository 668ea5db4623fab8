"""Hostile input on exams: a locked module's exam, a withdrawn learner's open attempt, a
supervisor reading an attempt in progress, and points that are not numbers."""

import pytest

from assessments import services
from assessments.models import Answer, Attempt, ExamPage
from learners.journey import progress
from learners.models import Enrolment, ModuleProgress, Supervision
from tests.factories import CompletedModuleFactory

from .conftest import build_exam, url


@pytest.fixture
def gated_exam(avholdt_modules, questions) -> ExamPage:
    """An exam under AvHoldt's second module, which needs the first."""
    module = avholdt_modules[1]
    assert list(module.prerequisites.all()), "the second module has prerequisites"
    return build_exam(module, questions, slug="gated-exam")


def test_an_exam_under_a_locked_module_cannot_be_started(client, enrolled, gated_exam):
    client.force_login(enrolled)
    page = client.get(url(gated_exam)).content.decode()
    assert "complete its prerequisites first" in page
    response = client.post(url(gated_exam, "start"))
    assert response.status_code == 302
    assert not Attempt.objects.exists()


def test_an_open_attempt_under_a_module_that_locks_again_takes_no_answers(
    client, enrolled, gated_exam, avholdt_modules
):
    CompletedModuleFactory(learner=enrolled, module=avholdt_modules[0])
    attempt = services.start_attempt(exam=gated_exam, learner=enrolled)
    ModuleProgress.objects.filter(learner=enrolled, module=avholdt_modules[0]).delete()
    client.force_login(enrolled)
    answer = attempt.answers.get(position=3)

    response = client.post(
        url(gated_exam, "answer", attempt_id=attempt.pk),
        {"question": answer.question_id, "text": "Oslo"},
    )

    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.response == {} or not answer.response
    assert client.get(url(gated_exam, "attempt", attempt_id=attempt.pk)).status_code == 302


def test_a_withdrawn_learner_cannot_keep_answering_or_submit(client, enrolled, exam):
    attempt = services.start_attempt(exam=exam, learner=enrolled)
    enrolment = Enrolment.objects.get(learner=enrolled, programme=exam.programme)
    progress.withdraw(enrolment=enrolment, actor=enrolled)
    client.force_login(enrolled)
    answer = attempt.answers.get(position=3)

    response = client.post(
        url(exam, "answer", attempt_id=attempt.pk),
        {"question": answer.question_id, "text": "Oslo"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    answer.refresh_from_db()
    assert not answer.response
    with pytest.raises(services.NotEnrolled):
        services.save_answer(attempt=attempt, question_id=answer.question_id, data={"text": "x"})

    client.post(url(exam, "submit", attempt_id=attempt.pk))
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.OPEN


def test_a_supervisor_cannot_read_an_essay_still_being_written(
    client, enrolled, essay_exam, supervisor, avholdt
):
    Supervision.objects.create(learner=enrolled, supervisor=supervisor, programme=avholdt)
    attempt = services.start_attempt(exam=essay_exam, learner=enrolled)
    essay = attempt.answers.get(snapshot__kind="essay")
    services.save_answer(
        attempt=attempt, question_id=essay.question_id, data={"text": "DRAFT-NOT-SUBMITTED"}
    )
    client.force_login(supervisor)

    response = client.get(url(essay_exam, "grade", answer_id=essay.pk))

    assert response.status_code == 404
    assert "DRAFT-NOT-SUBMITTED" not in response.content.decode()


@pytest.mark.parametrize("points", ["NaN", "sNaN", "Infinity", "-inf", "1e999999", "abc", ""])
def test_points_that_are_not_a_number_are_refused(
    client, enrolled, essay_exam, supervisor, avholdt, points
):
    Supervision.objects.create(learner=enrolled, supervisor=supervisor, programme=avholdt)
    attempt = services.start_attempt(exam=essay_exam, learner=enrolled)
    essay = attempt.answers.get(snapshot__kind="essay")
    services.save_answer(attempt=attempt, question_id=essay.question_id, data={"text": "Plan"})
    services.submit_attempt(attempt=attempt, actor=enrolled)
    client.force_login(supervisor)

    response = client.post(
        url(essay_exam, "grade", answer_id=essay.pk), {"points": points, "feedback": "ok"}
    )

    assert response.status_code == 400
    assert Answer.objects.get(pk=essay.pk).score is None


def test_a_huge_question_id_is_refused(client, enrolled, exam):
    attempt = services.start_attempt(exam=exam, learner=enrolled)
    client.force_login(enrolled)
    response = client.post(
        url(exam, "answer", attempt_id=attempt.pk),
        {"questions": "9" * 30, f"q{'9' * 30}-text": "x"},
    )
    assert response.status_code == 400
    assert not any(a.response for a in attempt.answers.all())
