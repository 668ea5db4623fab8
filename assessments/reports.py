"""Reports for programme leads: attempts, score distribution, item analysis, CSV.

Item analysis works on finished (passed or failed) attempts, counted by the database:

* percentage correct — of the attempts that had the question, the share that earned
  its full points;
* discrimination index — attempts are ranked by percent (ties: earlier attempt first);
  the top and bottom 27 % (rounded, at least one attempt each, and only when there are
  two or more attempts) form the upper and lower groups; the index is the share correct
  in the upper group minus the share correct in the lower group, from −1 to 1;
* choice distribution — how many attempts picked each choice, and how many left the
  question unanswered.
"""

import operator
import time
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, IntegerField, Max, Min, Q, Value
from django.db.models.functions import Cast, Floor, Least
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


def score_distribution(exam: ExamPage) -> list[tuple[str, int]]:
    """Finished attempts by percent in tens: 0–9, 10–19, … 90–100 (one aggregate query)."""
    counts = dict(
        Attempt.objects.filter(exam=exam)
        .final()
        .exclude(percent=None)
        .annotate(bin=Least(Cast(Floor(F("percent") / 10), IntegerField()), Value(9)))
        .values_list("bin")
        .annotate(n=Count("pk"))
        .order_by()
    )
    labels = [f"{low}–{low + 9}" for low in range(0, 90, 10)] + ["90–100"]
    return [(label, counts.get(index, 0)) for index, label in enumerate(labels)]


def group_size(count: int) -> int:
    if count < 2:
        return 0
    return max(1, int((GROUP_SHARE * count).quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def item_analysis(exam: ExamPage) -> list[ItemStats]:
    """Item statistics for every question that appeared in a finished attempt, counted
    by the database (four queries, whatever the number of attempts) and then kept in the
    cache until a result at the exam changes (``results_changed``)."""
    version = cache.get_or_set(_version_key(exam.pk), time.time_ns, timeout=None)
    key = f"assessments:item-analysis:{exam.pk}:{version}"
    items = cache.get(key)
    if items is None:
        final = Attempt.objects.filter(exam=exam).final()
        items = _count_items(final, group_size(final.count()))
        cache.set(key, items, timeout=7 * 24 * 3600)
    return items


def results_changed(exam_id: int) -> None:
    """A result at the exam was made final or changed: the item analysis is counted
    afresh. Now, and again when the transaction commits, so a report counted from the
    old rows meanwhile is not kept. A fresh version is a new timestamp, so a version
    evicted from the cache never brings an old analysis back."""
    cache.set(_version_key(exam_id), time.time_ns(), timeout=None)
    transaction.on_commit(lambda: cache.set(_version_key(exam_id), time.time_ns(), timeout=None))


def _version_key(exam_id: int) -> str:
    return f"assessments:results-version:{exam_id}"


def _count_items(final, size: int) -> list[ItemStats]:
    answers = Answer.objects.filter(attempt__in=final.values("pk")).order_by()
    shown = {
        row["question_id"]: row
        for row in answers.values("question_id").annotate(last=Max("pk"), position=Min("position"))
    }
    if not shown:
        return []
    snapshots = dict(
        Answer.objects.filter(pk__in=[row["last"] for row in shown.values()]).values_list(
            "question_id", "snapshot"
        )
    )
    # An answer is correct when it earned the question's full points.
    correct = reduce(
        operator.or_,
        (
            Q(question_id=question_id, score__gte=Decimal(snapshot["points"]))
            for question_id, snapshot in snapshots.items()
        ),
    )
    groups = {}
    if size:  # the top and bottom of the ranking (best first, earlier attempt first on ties)
        upper = Q(attempt__in=final.order_by("-percent", "pk").values("pk")[:size])
        lower = Q(attempt__in=final.order_by("percent", "-pk").values("pk")[:size])
        groups = {
            "upper_n": Count("pk", filter=upper),
            "upper_correct": Count("pk", filter=upper & correct),
            "lower_n": Count("pk", filter=lower),
            "lower_correct": Count("pk", filter=lower & correct),
        }
    unanswered = Q(response__isnull=True) | (
        Q(response__choices__0__isnull=True)
        & (Q(response__text__isnull=True) | Q(response__text=""))
    )
    counted = answers.values("question_id").annotate(
        answered=Count("pk"),
        correct=Count("pk", filter=correct),
        unanswered=Count("pk", filter=unanswered),
        **groups,
    )
    picked = answers.aggregate(
        **{
            f"q{question_id}_{index}": Count(
                "pk", filter=Q(question_id=question_id) & _picked(choice["id"], snapshot)
            )
            for question_id, snapshot in snapshots.items()
            for index, choice in enumerate(snapshot["choices"])
        }
    ) if any(snapshot["choices"] for snapshot in snapshots.values()) else {}  # fmt: skip
    items = []
    for row in counted:
        question_id, snapshot = row["question_id"], snapshots[row["question_id"]]
        item = ItemStats(
            question_id=question_id,
            position=shown[question_id]["position"],
            text=snapshot["text"],
            kind=snapshot["kind"],
            answered=row["answered"],
            correct=row["correct"],
            unanswered=row["unanswered"],
        )
        item.percent_correct = (Decimal(item.correct) * 100 / item.answered).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        if row.get("upper_n") and row.get("lower_n"):
            index = (
                Decimal(row["upper_correct"]) / row["upper_n"]
                - Decimal(row["lower_correct"]) / row["lower_n"]
            )
            item.discrimination = index.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        item.choices = [
            ChoiceCount(
                text=choice["text"] or (_("True") if choice["id"] == "true" else _("False")),
                correct=choice["correct"],
                count=picked[f"q{question_id}_{index}"],
            )
            for index, choice in enumerate(snapshot["choices"])
        ]
        items.append(item)
    return sorted(items, key=lambda item: (item.position, item.question_id))


def _picked(choice_id: str, snapshot: dict) -> Q:
    """Answers whose response lists ``choice_id``, at any of the places it can stand."""
    return reduce(
        operator.or_,
        (
            Q(**{f"response__choices__{place}": choice_id})
            for place in range(len(snapshot["choices"]))
        ),
    )


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
