"""Grading by a person: the essay queue and the grade that makes an attempt final."""

from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import audit
from cms.events import essay_graded

from ..models import Answer, Attempt, ExamPage
from .access import gradable_attempts
from .errors import NotGradable
from .results import announce_result
from .scoring import CENT, apply_result


def grading_queue(*, grader, exam: ExamPage | None = None) -> QuerySet:
    """Essay answers of submitted attempts that still wait for a score, oldest first,
    limited to attempts the grader may see."""
    attempts = gradable_attempts(grader).filter(status=Attempt.Status.SUBMITTED)
    if exam is not None:
        attempts = attempts.filter(exam=exam)
    return (
        Answer.objects.filter(attempt__in=attempts, score__isnull=True, snapshot__kind="essay")
        .select_related("attempt__learner", "attempt__exam")
        .order_by("attempt__submitted_at", "position")
    )


def grade_answer(*, answer: Answer, grader, points, feedback: str = "", now=None) -> Answer:
    """A grader scores an essay of an attempt they may see, between 0 and the question's
    points, with written feedback. A graded answer is not changed again. When it was the
    last ungraded answer the attempt becomes passed or failed."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = gradable_attempts(grader).select_for_update().filter(pk=answer.attempt_id).first()
        if attempt is None:
            raise NotGradable()
        answer = Answer.objects.get(pk=answer.pk)
        if (
            attempt.status != Attempt.Status.SUBMITTED
            or not answer.is_essay
            or (answer.score is not None)
        ):
            raise NotGradable()
        try:
            points = Decimal(str(points).strip())
            if not points.is_finite():  # NaN and Infinity are not points
                raise ArithmeticError
            points = points.quantize(CENT)
        except ArithmeticError:
            raise NotGradable(_("Give the points as a number.")) from None
        if not Decimal(0) <= points <= answer.points:
            raise NotGradable(
                _("Give between 0 and %(max)s points.") % {"max": answer.points.normalize()}
            )
        answer.score = points
        answer.feedback = feedback.strip()
        answer.graded_by = grader
        answer.graded_at = now
        answer.save(update_fields=["score", "feedback", "graded_by", "graded_at"])
        apply_result(attempt, list(attempt.answers.all()), now)
        attempt.save(update_fields=["status", "score", "max_score", "percent", "graded_at"])
        audit.record(
            actor=grader,
            action="exam.answer.graded",
            target=attempt,
            answer=answer.pk,
            points=str(points),
            status=attempt.status,
        )
        essay_graded.send(
            sender=Answer,
            answer=answer,
            attempt=attempt,
            learner=attempt.learner,
            result_final=attempt.is_final,
        )
        if attempt.is_final:
            announce_result(attempt)
    return answer
