"""Starting, answering and submitting: the server decides what counts."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments import services
from assessments.models import Attempt, ExtraTime
from cms.models import AuditEvent
from learners.models import Enrolment
from tests.factories import UserFactory

from .conftest import choice_index, form, url


def start(client, exam) -> Attempt:
    response = client.post(url(exam, "start"))
    assert response.status_code == 302, response.content
    return Attempt.objects.get(exam=exam, status="open")


def test_an_anonymous_visitor_is_sent_to_log_in(client, exam):
    response = client.get(url(exam))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_only_enrolled_learners_can_start(client, learner, exam):
    client.force_login(learner)
    client.post(url(exam, "start"))
    assert not Attempt.objects.exists()
    enrolment = Enrolment.objects.create(learner=learner, programme=exam.programme)
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.save()
    client.post(url(exam, "start"))
    assert not Attempt.objects.exists()


def test_reload_resumes_the_attempt_with_its_answers(client, enrolled, exam):
    client.force_login(enrolled)
    attempt = start(client, exam)
    single = attempt.answers.get(position=1)
    response = client.post(
        url(exam, "answer", attempt_id=attempt.pk),
        form(attempt, 1, choice=choice_index(single, "Blue")),
    )
    assert response.status_code == 302  # plain form POST, no JavaScript
    client.post(url(exam, "answer", attempt_id=attempt.pk), form(attempt, 3, text="Oslo"))

    again = start(client, exam)  # a second click on "start" resumes

    assert again.pk == attempt.pk
    page = client.get(url(exam, "attempt", attempt_id=attempt.pk)).content.decode()
    assert f'value="{choice_index(single, "Blue")}" checked' in page
    assert 'value="Oslo"' in page
    assert Attempt.objects.count() == 1


def test_an_autosave_swaps_only_the_status_and_the_live_region(client, enrolled, exam):
    client.force_login(enrolled)
    attempt = start(client, exam)
    response = client.post(
        url(exam, "answer", attempt_id=attempt.pk),
        form(attempt, 3, text="oslo"),
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    # Nothing the learner is working in is replaced, so focus cannot be lost.
    assert "<form" not in html and "<input" not in html and "<html" not in html
    assert 'id="exam-save-status" hx-swap-oob="innerHTML"' in html
    assert 'id="live-region" hx-swap-oob="innerHTML"' in html
    assert "Answers saved at" in html and "1 of 4 questions answered." in html
    assert attempt.answers.get(position=3).response == {"text": "oslo"}


def test_a_question_from_outside_the_attempt_is_refused(client, enrolled, exam, essay_question):
    client.force_login(enrolled)
    attempt = start(client, exam)
    response = client.post(
        url(exam, "answer", attempt_id=attempt.pk),
        {"questions": essay_question.pk, f"q{essay_question.pk}-text": "x"},
    )
    assert response.status_code == 400
    assert not attempt.answers.filter(question=essay_question).exists()
    with pytest.raises(services.QuestionNotInAttempt):
        services.save_answer(attempt=attempt, question_id=essay_question.pk, data={"text": "x"})


def test_a_choice_that_is_not_offered_is_refused(client, enrolled, exam):
    client.force_login(enrolled)
    attempt = start(client, exam)
    response = client.post(url(exam, "answer", attempt_id=attempt.pk), form(attempt, 1, choice="9"))
    assert response.status_code == 400
    two = {"question": attempt.answers.get(position=1).question_id, "choice": ["0", "1"]}
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.setlist("choice", two["choice"])
    with pytest.raises(services.InvalidAnswer):
        services.save_answer(attempt=attempt, question_id=two["question"], data=data)


def test_an_answer_one_second_after_the_deadline_is_refused_and_graded_without(
    client, enrolled, exam
):
    client.force_login(enrolled)
    attempt = start(client, exam)
    single = attempt.answers.get(position=1)
    client.post(
        url(exam, "answer", attempt_id=attempt.pk),
        form(attempt, 1, choice=choice_index(single, "Blue")),
    )
    deadline = timezone.now() - datetime.timedelta(seconds=1)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=deadline)

    response = client.post(
        url(exam, "answer", attempt_id=attempt.pk), form(attempt, 3, text="Oslo")
    )

    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.FAILED  # 1 of 5 points
    assert attempt.auto_submitted and attempt.submitted_at == deadline
    assert attempt.score == Decimal("1")
    assert attempt.answers.get(position=3).response is None


def test_an_expired_attempt_is_submitted_on_next_access(client, enrolled, exam):
    client.force_login(enrolled)
    attempt = start(client, exam)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(1))
    response = client.get(url(exam, "attempt", attempt_id=attempt.pk))
    assert "Time ran out" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.FAILED and attempt.auto_submitted


def test_the_periodic_command_closes_expired_attempts(enrolled, exam):
    attempt = services.start_attempt(exam=exam, learner=enrolled)
    other = UserFactory()
    Enrolment.objects.create(learner=other, programme=exam.programme)
    running = services.start_attempt(exam=exam, learner=other)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(1))
    out = StringIO()
    call_command("close_expired_attempts", stdout=out)
    assert "1 attempt(s) submitted" in out.getvalue()
    attempt.refresh_from_db()
    running.refresh_from_db()
    assert attempt.status == Attempt.Status.FAILED and running.status == Attempt.Status.OPEN


def test_extra_time_lengthens_the_deadline(enrolled, exam):
    ExtraTime.objects.create(learner=enrolled, percent=50)
    now = timezone.now()
    attempt = services.start_attempt(exam=exam, learner=enrolled, now=now)
    assert attempt.deadline == now + datetime.timedelta(minutes=45)
    assert attempt.extra_time_percent == 50


def test_the_closing_time_caps_the_deadline(enrolled, avholdt, questions):
    from .conftest import build_exam

    now = timezone.now()
    exam = build_exam(
        avholdt, questions, slug="closing", closes_at=now + datetime.timedelta(minutes=5)
    )
    attempt = services.start_attempt(exam=exam, learner=enrolled, now=now)
    assert attempt.deadline == exam.closes_at


def test_double_submission_is_graded_once(client, enrolled, exam):
    client.force_login(enrolled)
    attempt = start(client, exam)
    client.post(url(exam, "submit", attempt_id=attempt.pk), {"confirmed": "yes"})
    client.post(url(exam, "submit", attempt_id=attempt.pk), {"confirmed": "yes"})
    events = AuditEvent.objects.filter(action="exam.attempt.submitted", target_id=str(attempt.pk))
    assert events.count() == 1


def test_no_answers_after_submission(client, enrolled, exam):
    client.force_login(enrolled)
    attempt = start(client, exam)
    client.post(url(exam, "submit", attempt_id=attempt.pk), {"confirmed": "yes"})
    client.post(url(exam, "answer", attempt_id=attempt.pk), form(attempt, 3, text="Oslo"))
    assert attempt.answers.get(position=3).response is None


def test_no_attempt_beyond_the_allowed_number(enrolled, exam):
    for _ in range(2):
        attempt = services.start_attempt(exam=exam, learner=enrolled)
        services.submit_attempt(attempt=attempt)
    with pytest.raises(services.NoAttemptsLeft):
        services.start_attempt(exam=exam, learner=enrolled)


def test_the_cooldown_is_kept(enrolled, exam):
    exam.cooldown_minutes = 60
    exam.save()
    now = timezone.now()
    services.submit_attempt(attempt=services.start_attempt(exam=exam, learner=enrolled), now=now)
    with pytest.raises(services.CoolingDown):
        services.start_attempt(
            exam=exam, learner=enrolled, now=now + datetime.timedelta(minutes=59)
        )
    later = now + datetime.timedelta(minutes=61)
    assert services.start_attempt(exam=exam, learner=enrolled, now=later).number == 2


def test_no_access_outside_the_window(enrolled, exam):
    now = timezone.now()
    exam.opens_at = now + datetime.timedelta(hours=1)
    exam.save()
    with pytest.raises(services.OutsideWindow):
        services.start_attempt(exam=exam, learner=enrolled, now=now)
    exam.opens_at, exam.closes_at = now - datetime.timedelta(2), now - datetime.timedelta(1)
    exam.save()
    with pytest.raises(services.OutsideWindow):
        services.start_attempt(exam=exam, learner=enrolled, now=now)


def test_another_learners_attempt_is_404(client, enrolled, exam):
    attempt = services.start_attempt(exam=exam, learner=enrolled)
    intruder = UserFactory(username="ivar")
    Enrolment.objects.create(learner=intruder, programme=exam.programme)
    client.force_login(intruder)
    assert client.get(url(exam, "attempt", attempt_id=attempt.pk)).status_code == 404
    response = client.post(url(exam, "answer", attempt_id=attempt.pk), form(attempt, 3, text="x"))
    assert response.status_code == 404
    submitted = client.post(url(exam, "submit", attempt_id=attempt.pk), {"confirmed": "yes"})
    assert submitted.status_code == 404
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.answers.get(position=3).response is None


def test_one_question_per_page_moves_on_without_javascript(client, enrolled, exam):
    exam.layout = exam.Layout.ONE_PER_PAGE
    exam.save()
    client.force_login(enrolled)
    attempt = start(client, exam)
    page = client.get(url(exam, "attempt", attempt_id=attempt.pk)).content.decode()
    assert page.count('class="exam-question"') == 1
    response = client.post(
        url(exam, "answer", attempt_id=attempt.pk), {**form(attempt, 1, choice="0"), "next": "2"}
    )
    assert response["Location"].endswith("?q=2")


def test_a_full_marks_attempt_passes_and_signals(client, enrolled, exam):
    from assessments.signals import attempt_graded

    received = []

    def listener(sender, attempt, **kwargs):
        received.append(attempt.pk)

    attempt_graded.connect(listener)
    try:
        attempt = services.start_attempt(exam=exam, learner=enrolled)
        answers = {a.position: a for a in attempt.answers.all()}
        for position, data in {
            1: {"choice": [choice_index(answers[1], "Blue")]},
            2: {"choice": [choice_index(answers[2], t) for t in ("2", "3", "5")]},
            3: {"text": " OSLO "},
            4: {"choice": [choice_index(answers[4], "")]},
        }.items():
            services.save_answer(
                attempt=attempt, question_id=answers[position].question_id, data=data
            )
        attempt = services.submit_attempt(attempt=attempt)
    finally:
        attempt_graded.disconnect(listener)
    assert attempt.status == Attempt.Status.PASSED and attempt.percent == Decimal("100.00")
    assert received == [attempt.pk]
    assert services.has_passed(learner=enrolled, exam=exam)
