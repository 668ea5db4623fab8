"""Regrading an exam after its answer key was corrected."""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from cms import audit
from cms.links import absolute_url
from cms.notifications import deliver

from .. import reports
from ..models import Answer, Attempt, ExamPage, Question
from .results import announce_result
from .scoring import apply_result, auto_score

RESULT_CHANGED = "exam_result_changed"
logger = logging.getLogger(__name__)


@dataclass
class RegradeReport:
    attempts: int = 0
    changed: list[int] = field(default_factory=list)


def regrade_exam(*, exam: ExamPage, actor) -> RegradeReport:
    """After a key is corrected in the bank, score every submitted attempt of the exam
    again with the corrected key (the wording and choice order shown stay as they were).
    Each attempt whose result changes gets ``attempt_graded`` and an e-mail to its
    learner; one audit event records what changed, from what to what."""
    report = RegradeReport()
    changes = []
    now = timezone.now()
    with transaction.atomic():
        attempts = list(
            Attempt.objects.select_for_update()
            .filter(exam=exam, status__in=[Attempt.Status.SUBMITTED, *Attempt.FINAL])
            .order_by("pk")
        )
        answers_by_attempt: dict[int, list[Answer]] = {}
        for answer in Answer.objects.filter(attempt__in=[a.pk for a in attempts]).order_by(
            "position"
        ):
            answers_by_attempt.setdefault(answer.attempt_id, []).append(answer)
        question_ids = {a.question_id for answers in answers_by_attempt.values() for a in answers}
        languages = {
            (a.question_id, a.snapshot.get("language"))
            for answers in answers_by_attempt.values()
            for a in answers
        }
        questions = Question.objects.in_bulk(question_ids)
        keys = {(pk, lang): questions[pk].key_snapshot(lang) for pk, lang in languages}
        changed_answers = []
        for attempt in attempts:
            report.attempts += 1
            answers = answers_by_attempt.get(attempt.pk, [])
            for answer in answers:
                if answer.is_essay:
                    continue
                key = keys[(answer.question_id, answer.snapshot.get("language"))]
                snapshot = dict(answer.snapshot)
                snapshot["scoring"] = key["scoring"]
                snapshot["accepted"] = key["accepted"]
                snapshot["choices"] = [
                    {**choice, "correct": key["correct"].get(choice["id"], choice["correct"])}
                    for choice in snapshot["choices"]
                ]
                score = auto_score(snapshot, answer.response)
                if snapshot != answer.snapshot or score != answer.score:
                    answer.snapshot, answer.score = snapshot, score
                    changed_answers.append(answer)
            before = (attempt.status, attempt.score)
            apply_result(attempt, answers, now)
            if (attempt.status, attempt.score) != before:
                attempt.save(update_fields=["status", "score", "max_score", "percent", "graded_at"])
                report.changed.append(attempt.pk)
                changes.append(
                    {
                        "attempt": attempt.pk,
                        "from": [before[0], str(before[1])],
                        "to": [attempt.status, str(attempt.score)],
                    }
                )
                if attempt.is_final:
                    announce_result(attempt)
                _notify_changed_result(attempt, regraded_at=now)
        Answer.objects.bulk_update(changed_answers, ["snapshot", "score"])
        if changed_answers:
            reports.results_changed(exam.pk)
        audit.record(
            actor=actor, action="exam.regraded", target=exam, attempts=report.attempts,
            changed=changes,
        )  # fmt: skip
    return report


def _notify_changed_result(attempt: Attempt, *, regraded_at) -> None:
    """After the regrade commits, the learner is told their new result (e-mail and
    in-app). A mail outage must not undo or hide a committed regrade: it is logged."""
    exam_url = absolute_url(attempt.exam.url or "/")

    def send() -> None:
        try:
            deliver(
                recipient=attempt.learner,
                kind=RESULT_CHANGED,
                key=f"{attempt.pk}:{regraded_at.isoformat()}",
                template="assessments/email/result_changed",
                context={"attempt": attempt, "exam": attempt.exam, "url": exam_url},
                url=exam_url,
            )
        except Exception:
            logger.exception("could not tell %s about a changed exam result", attempt.learner_id)

    transaction.on_commit(send)
