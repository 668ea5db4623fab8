"""Scoring answers by their key, and the result of an attempt."""

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from ..models import Answer, Attempt, Question

CENT = Decimal("0.01")


# Punctuation a learner may put around a short answer without meaning something else.
_EDGE = ".,;:!?…\"'«»„“”‘’()[] \t\n\r\u00a0"


def normalise(text: str) -> str:
    """Short answers compare without regard to case, spacing (runs of spaces, spaces at
    the ends, non-breaking spaces, full-width forms) or punctuation before and after the
    answer ("Oslo." is "oslo", "«6 trin»" is "6 trin"); punctuation inside the answer
    counts. Other wordings match only when they are listed as accepted variants."""
    text = unicodedata.normalize("NFKC", text or "").strip(_EDGE)
    return " ".join(text.split()).casefold()


def auto_score(snapshot: dict, response: dict | None) -> Decimal | None:
    """Score an answer by its key; None for an essay, which a person grades.

    Single choice and true/false: full points for the correct choice. Multiple choice,
    all or nothing: full points only for exactly the correct set. Multiple choice,
    partial: points × (right choices − wrong choices) / number of correct choices, never
    below 0. Short answer: full points when the text matches an accepted answer (each
    listed variant is one), ignoring case, spacing and punctuation around it
    (``normalise``). No answer scores 0.
    """
    kind = snapshot["kind"]
    points = Decimal(snapshot["points"])
    response = response or {}
    if kind == "essay":
        return None
    if kind == "short_answer":
        accepted = {normalise(item) for item in snapshot["accepted"]}
        return points if normalise(response.get("text", "")) in accepted - {""} else Decimal(0)
    correct = {choice["id"] for choice in snapshot["choices"] if choice["correct"]}
    picked = set(response.get("choices", []))
    if kind == "multiple" and snapshot.get("scoring") == Question.Scoring.PARTIAL:
        if not correct:
            return Decimal(0)
        net = len(picked & correct) - len(picked - correct)
        share = Decimal(max(net, 0)) / Decimal(len(correct))
        return (points * share).quantize(CENT, rounding=ROUND_HALF_UP)
    return points if picked and picked == correct else Decimal(0)


def apply_result(attempt: Attempt, answers: list[Answer], now) -> None:
    """An attempt is passed or failed only when every answer has a score; until then it
    waits for grading. Passed means percent ≥ the pass mark fixed at the start."""
    if any(answer.score is None for answer in answers):
        attempt.status = Attempt.Status.SUBMITTED
        attempt.score = attempt.percent = attempt.graded_at = None
        return
    total = sum((answer.score for answer in answers), Decimal("0"))
    maximum = sum((answer.points for answer in answers), Decimal("0"))
    attempt.score = total
    attempt.max_score = maximum
    attempt.percent = (
        (total * 100 / maximum).quantize(CENT, rounding=ROUND_HALF_UP) if maximum else Decimal(100)
    )
    attempt.status = (
        Attempt.Status.PASSED if attempt.percent >= attempt.pass_mark else Attempt.Status.FAILED
    )
    attempt.graded_at = attempt.graded_at or now
