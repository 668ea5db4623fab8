"""What the assessments app holds about a person, for ``cms.privacy``: exam attempts
with their answers, answers they graded, and extra exam time. Erasure deletes the
person's attempts and answers (a certificate already issued stays as it is) and the
extra time; answers they graded for others keep the anonymised account as grader."""

from cms.privacy import register, rows

from .models import Answer, Attempt, ExtraTime


def question_as_shown(snapshot: dict) -> dict:
    """The question as the learner saw it, without the answer key, accepted answers,
    rubric or explanation: an exam's feedback policy may keep those from the learner."""
    return {
        "kind": snapshot.get("kind"),
        "text": snapshot.get("text"),
        "points": snapshot.get("points"),
        "choices": [
            {"id": choice.get("id"), "text": choice.get("text")}
            for choice in snapshot.get("choices", [])
        ],
    }


def export_attempts(person) -> list[dict]:
    attempts = rows(
        Attempt.objects.filter(learner=person),
        "id", "exam_id", "exam__title", "programme_id", "number", "status", "started_at",
        "deadline", "submitted_at", "graded_at", "score", "max_score", "percent",
        "pass_mark",
    )  # fmt: skip
    answers: dict[int, list[dict]] = {}
    for answer in rows(
        Answer.objects.filter(attempt__learner=person),
        "attempt_id", "position", "snapshot", "response", "answered_at", "score",
        "graded_at", "feedback",
    ):  # fmt: skip
        answer["snapshot"] = question_as_shown(answer["snapshot"] or {})
        answers.setdefault(answer.pop("attempt_id"), []).append(answer)
    for attempt in attempts:
        attempt["answers"] = answers.get(attempt["id"], [])
    return attempts


def register_handlers() -> None:
    register(
        Attempt,
        export=export_attempts,
        erase=lambda erasure: Attempt.objects.filter(learner=erasure.person).delete()[0],
        includes=(Answer,),
    )
    register(
        Answer,
        export=lambda person: rows(Answer.objects.filter(graded_by=person), "id",
                                   "attempt_id", "score", "graded_at"),
        kept="A grade given to another learner's answer is part of their result.",
    )  # fmt: skip
    register(
        ExtraTime,
        export=lambda person: rows(ExtraTime.objects.filter(learner=person), "percent"),
        erase=lambda erasure: ExtraTime.objects.filter(learner=erasure.person).delete()[0],
    )
