"""Reports for programme leads: attempts, score distribution, item analysis, CSV.

Item analysis works on finished (passed or failed) attempts:

* percentage correct — of the attempts that had the question, the share that earned
  its full points;
* discrimination index — attempts are ranked by percent (ties: earlier attempt first);
  the top and bottom 27 % (rounded, at least one attempt each, and only when there are
  two or more attempts) form the upper and lower groups; the index is the share correct
  in the upper group minus the share correct in the lower group, from −1 to 1;
* choice distribution — how many attempts picked each choice, and how many left the
  question unanswered.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from cms.spreadsheets import csv_writer

from .models import Answer, Attempt, ExamPage

GROUP_SHARE = Decimal("0.27")


@dataclass
class ChoiceCount:
    text: str
    correct: bool
    count: int


@dataclass
class ItemStats:
    question_id: int
    position: int
    text: str
    kind: str
    answered: int = 0
    correct: int = 0
    percent_correct: Decimal | None = None
    discrimination: Decimal | None = None
    choices: list[ChoiceCount] = field(default_factory=list)
    unanswered: int = 0


def attempts_for_report(exam: ExamPage):
    return Attempt.objects.filter(exam=exam).select_related("learner").order_by("-started_at")


def score_distribution(attempts) -> list[tuple[str, int]]:
    """Finished attempts by percent in tens: 0–9, 10–19, … 90–100."""
    bins = [0] * 10
    for attempt in attempts:
        if attempt.is_final and attempt.percent is not None:
            bins[min(int(attempt.percent // 10), 9)] += 1
    labels = [f"{low}–{low + 9}" for low in range(0, 90, 10)] + ["90–100"]
    return list(zip(labels, bins, strict=True))


def group_size(count: int) -> int:
    if count < 2:
        return 0
    return max(1, int((GROUP_SHARE * count).quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def item_analysis(exam: ExamPage) -> list[ItemStats]:
    """Item statistics for every question that appeared in a finished attempt (two
    queries, whatever the number of attempts)."""
    attempts = list(Attempt.objects.filter(exam=exam).final().order_by("-percent", "pk"))
    answers = Answer.objects.filter(attempt__in=[a.pk for a in attempts]).only(
        "attempt_id", "question_id", "position", "snapshot", "response", "score"
    )
    by_attempt: dict[int, list[Answer]] = {}
    for answer in answers:
        by_attempt.setdefault(answer.attempt_id, []).append(answer)
    return analyse([(attempt.pk, by_attempt.get(attempt.pk, [])) for attempt in attempts])


def _is_correct(answer: Answer) -> bool:
    return answer.score is not None and answer.score >= answer.points


def analyse(ranked: list[tuple[int, list[Answer]]]) -> list[ItemStats]:
    """``ranked``: (attempt id, its answers), best attempt first."""
    size = group_size(len(ranked))
    upper = {attempt_id for attempt_id, _ in ranked[:size]}
    lower = {attempt_id for attempt_id, _ in ranked[len(ranked) - size :]} if size else set()
    items: dict[int, ItemStats] = {}
    groups: dict[int, dict[str, list[int]]] = {}
    choice_counts: dict[int, dict[str, ChoiceCount]] = {}
    for attempt_id, answers in ranked:
        for answer in answers:
            snapshot = answer.snapshot
            item = items.get(answer.question_id)
            if item is None:
                item = items[answer.question_id] = ItemStats(
                    question_id=answer.question_id,
                    position=answer.position,
                    text=snapshot["text"],
                    kind=snapshot["kind"],
                )
                groups[answer.question_id] = {"upper": [0, 0], "lower": [0, 0]}
                choice_counts[answer.question_id] = {}
            correct = _is_correct(answer)
            item.answered += 1
            item.correct += correct
            for name, members in (("upper", upper), ("lower", lower)):
                if attempt_id in members:
                    groups[answer.question_id][name][0] += correct
                    groups[answer.question_id][name][1] += 1
            counts = choice_counts[answer.question_id]
            for choice in snapshot["choices"]:
                if choice["id"] not in counts:
                    text = choice["text"] or (_("True") if choice["id"] == "true" else _("False"))
                    counts[choice["id"]] = ChoiceCount(
                        text=text, correct=choice["correct"], count=0
                    )
            for choice_id in answer.selected:
                if choice_id in counts:
                    counts[choice_id].count += 1
            if not answer.selected and not answer.text:
                item.unanswered += 1
    for question_id, item in items.items():
        item.percent_correct = (Decimal(item.correct) * 100 / item.answered).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        up_correct, up_n = groups[question_id]["upper"]
        low_correct, low_n = groups[question_id]["lower"]
        if up_n and low_n:
            index = Decimal(up_correct) / up_n - Decimal(low_correct) / low_n
            item.discrimination = index.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        item.choices = list(choice_counts[question_id].values())
    return sorted(items.values(), key=lambda item: (item.position, item.question_id))


CSV_HEADER = (
    "attempt", "username", "name", "number", "status", "started", "submitted",
    "automatic", "score", "max_score", "percent",
)  # fmt: skip


def write_csv(attempts, out) -> None:
    """One row per attempt; formulas are neutralised so a spreadsheet never runs them."""
    writer = csv_writer(out)
    writer.writerow(CSV_HEADER)
    for attempt in attempts:
        writer.writerow(
            [
                attempt.pk,
                attempt.learner.get_username(),
                attempt.learner.get_full_name(),
                attempt.number,
                attempt.status,
                attempt.started_at.isoformat(),
                attempt.submitted_at.isoformat() if attempt.submitted_at else "",
                "yes" if attempt.auto_submitted else "no",
                attempt.score if attempt.score is not None else "",
                attempt.max_score,
                attempt.percent if attempt.percent is not None else "",
            ]
        )
