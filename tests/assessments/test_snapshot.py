"""Editing the bank never changes an attempt that already happened."""

from decimal import Decimal

from assessments import services

from .conftest import choice_index, url


def test_editing_a_question_leaves_score_and_shown_text_unchanged(client, enrolled, exam):
    exam.attempts_allowed = 1  # the key (and the text with it) shows after the last attempt
    exam.save()
    attempt = services.start_attempt(exam=exam, learner=enrolled)
    single = attempt.answers.get(position=1)
    services.save_answer(
        attempt=attempt,
        question_id=single.question_id,
        data={"choice": [choice_index(single, "Blue")]},
    )
    attempt = services.submit_attempt(attempt=attempt)
    score = attempt.score

    question = single.question
    question.text = "Which colour is grass?"
    question.choices = [
        {"type": "choice", "value": {"text": "Green", "correct": True}, "id": "c0"},
        {"type": "choice", "value": {"text": "Blue", "correct": False}, "id": "c1"},
        {"type": "choice", "value": {"text": "Red", "correct": False}, "id": "c2"},
    ]
    question.save()
    question.save_revision()

    attempt.refresh_from_db()
    assert attempt.score == score == Decimal("1")
    client.force_login(enrolled)
    html = client.get(url(exam, "attempt", attempt_id=attempt.pk)).content.decode()
    assert "Which colour is the sky on a clear day?" in html
    assert "Which colour is grass?" not in html
    assert single.snapshot["revision_id"] is not None


def test_a_new_attempt_gets_the_new_version(enrolled, exam, questions):
    question = questions[0]
    question.text = "Updated wording"
    question.save()
    attempt = services.start_attempt(exam=exam, learner=enrolled)
    assert attempt.answers.get(question=question).snapshot["text"] == "Updated wording"


def test_shuffled_choice_order_is_frozen(enrolled, exam):
    exam.shuffle_choices = exam.shuffle_questions = True
    exam.save()
    attempt = services.start_attempt(exam=exam, learner=enrolled)
    shown = {a.question_id: [c["id"] for c in a.snapshot["choices"]] for a in attempt.answers.all()}
    again = services.start_attempt(exam=exam, learner=enrolled)
    assert again.pk == attempt.pk
    assert shown == {
        a.question_id: [c["id"] for c in a.snapshot["choices"]] for a in again.answers.all()
    }
