"""Keys and explanations stay out of the HTML until the feedback policy allows."""

import datetime

from django.utils import timezone

from assessments import services
from assessments.models import ExamPage

from .conftest import url

SECRETS = ["SKY-EXPLANATION", "PRIME-EXPLANATION", "CAPITAL-EXPLANATION", "Kristiania",
           "is-correct", "— correct"]  # fmt: skip


def page_html(client, exam, attempt) -> str:
    return client.get(url(exam, "attempt", attempt_id=attempt.pk)).content.decode()


def test_correct_answers_are_absent_before_submission(client, enrolled, exam):
    client.force_login(enrolled)
    attempt = services.start_attempt(exam=exam, learner=enrolled)
    html = page_html(client, exam, attempt)
    assert "Which colour is the sky" in html
    for secret in SECRETS:
        assert secret not in html
    # Choices travel as their shown position, never as an id that could reveal the key.
    for answer in attempt.answers.all():
        for choice in answer.snapshot["choices"]:
            assert f'value="{choice["id"]}"' not in html


def test_feedback_immediately_after_the_last_attempt(client, enrolled, exam):
    exam.attempts_allowed = 1
    exam.save()
    client.force_login(enrolled)
    attempt = services.submit_attempt(attempt=services.start_attempt(exam=exam, learner=enrolled))
    html = page_html(client, exam, attempt)
    assert "SKY-EXPLANATION" in html and "Kristiania" in html and "is-correct" in html


def test_no_key_while_a_retake_could_draw_the_same_questions(client, enrolled, exam):
    # Two attempts allowed, feedback "immediately": the first attempt's key would help the
    # second, which gets the same fixed questions, so it stays hidden until the second.
    exam.cooldown_minutes = 0
    exam.save()
    client.force_login(enrolled)
    first = services.submit_attempt(attempt=services.start_attempt(exam=exam, learner=enrolled))
    html = page_html(client, exam, first)
    for secret in SECRETS:
        assert secret not in html
    assert "when you have no attempts left" in html
    second = services.submit_attempt(attempt=services.start_attempt(exam=exam, learner=enrolled))
    assert "SKY-EXPLANATION" in page_html(client, exam, second)
    assert "SKY-EXPLANATION" in page_html(client, exam, first)


def test_unlimited_attempts_keep_the_key_until_the_exam_closes(client, enrolled, exam):
    exam.attempts_allowed = None
    exam.closes_at = timezone.now() + datetime.timedelta(hours=1)
    exam.save()
    client.force_login(enrolled)
    attempt = services.submit_attempt(attempt=services.start_attempt(exam=exam, learner=enrolled))
    assert "SKY-EXPLANATION" not in page_html(client, exam, attempt)
    ExamPage.objects.filter(pk=exam.pk).update(closes_at=timezone.now() - datetime.timedelta(1))
    assert "SKY-EXPLANATION" in page_html(client, exam, attempt)


def test_after_close_without_a_closing_time_waits_for_the_last_attempt(client, enrolled, exam):
    exam.feedback_policy = ExamPage.Feedback.AFTER_CLOSE
    exam.cooldown_minutes = 0
    exam.save()
    client.force_login(enrolled)
    first = services.submit_attempt(attempt=services.start_attempt(exam=exam, learner=enrolled))
    assert "SKY-EXPLANATION" not in page_html(client, exam, first)
    services.submit_attempt(attempt=services.start_attempt(exam=exam, learner=enrolled))
    assert "SKY-EXPLANATION" in page_html(client, exam, first)


def test_feedback_never(client, enrolled, exam):
    exam.feedback_policy = ExamPage.Feedback.NEVER
    exam.save()
    client.force_login(enrolled)
    attempt = services.submit_attempt(attempt=services.start_attempt(exam=exam, learner=enrolled))
    html = page_html(client, exam, attempt)
    assert "of 5 points" in html
    for secret in SECRETS:
        assert secret not in html


def test_feedback_after_the_window_closes(client, enrolled, exam):
    exam.feedback_policy = ExamPage.Feedback.AFTER_CLOSE
    exam.closes_at = timezone.now() + datetime.timedelta(hours=1)
    exam.save()
    client.force_login(enrolled)
    attempt = services.submit_attempt(attempt=services.start_attempt(exam=exam, learner=enrolled))
    assert "SKY-EXPLANATION" not in page_html(client, exam, attempt)
    ExamPage.objects.filter(pk=exam.pk).update(closes_at=timezone.now() - datetime.timedelta(1))
    assert "SKY-EXPLANATION" in page_html(client, exam, attempt)
