"""Results other apps rely on, and the signal that announces them."""

from django.contrib.auth.models import AbstractBaseUser

from .. import reports
from ..models import Attempt, ExamPage
from ..signals import attempt_graded


def passed_exam_pairs(*, learner_ids, exam_ids) -> set[tuple[int, int]]:
    """Which (learner id, exam id) pairs have a passed attempt — one query for any
    number of learners and exams."""
    rows = (
        Attempt.objects.passed()
        .filter(learner_id__in=list(learner_ids), exam_id__in=list(exam_ids))
        .values_list("learner_id", "exam_id")
        .distinct()
    )
    return set(rows)


def has_passed(*, learner: AbstractBaseUser, exam: ExamPage) -> bool:
    """Has this learner passed this exam in any attempt?"""
    return Attempt.objects.passed().filter(learner=learner, exam=exam).exists()


def announce_result(attempt: Attempt) -> None:
    """Send ``attempt_graded`` for a final (or regraded) result, with whether the learner
    has now passed the exam in any attempt, so listeners never ask this app."""
    reports.results_changed(attempt.exam_id)
    attempt_graded.send(
        sender=Attempt,
        attempt=attempt,
        learner=attempt.learner,
        exam=attempt.exam,
        programme=attempt.programme,
        passed=has_passed(learner=attempt.learner, exam=attempt.exam),
    )
