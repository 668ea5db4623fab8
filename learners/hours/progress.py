"""Approved hours and where learners stand against a programme's hours requirement, for
many learners in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, Sum

from .models import HoursEntry, HoursRequirement, PracticeCategory

Status = HoursEntry.Status


def approved_hours_by_category(learners, programme=None) -> dict[int, dict[int, Decimal]]:
    """Approved hours per category for many learners at once, in one query:
    ``{learner_id: {category_id: hours}}``. An approved correction counts instead of the
    entry it corrects; a correction that is not yet approved counts for nothing."""
    ids = [getattr(learner, "pk", learner) for learner in learners]
    rows = HoursEntry.objects.counted().filter(learner__in=ids)
    if programme is not None:
        rows = rows.filter(programme=programme)
    totals: dict[int, dict[int, Decimal]] = {learner_id: {} for learner_id in ids}
    for row in rows.values("learner_id", "category_id").annotate(total=Sum("hours")).order_by():
        totals[row["learner_id"]][row["category_id"]] = row["total"]
    return totals


def _summary(learner_ids: list[int], programme) -> dict[int, dict[int, dict[str, Decimal]]]:
    superseded = HoursEntry.objects.filter(corrects=OuterRef("pk"), status=Status.APPROVED)
    rows = (
        HoursEntry.objects.filter(learner__in=learner_ids, programme=programme)
        .values("learner_id", "category_id")
        .annotate(
            approved=Sum("hours", filter=Q(status=Status.APPROVED) & ~Exists(superseded)),
            pending=Sum("hours", filter=Q(status=Status.SUBMITTED)),
            returned=Sum("hours", filter=Q(status=Status.RETURNED)),
            draft=Sum("hours", filter=Q(status=Status.DRAFT)),
        )
        .order_by()
    )
    summary: dict = defaultdict(dict)
    for row in rows:
        summary[row["learner_id"]][row["category_id"]] = {
            key: row[key] or Decimal(0) for key in ("approved", "pending", "returned", "draft")
        }
    return summary


@dataclass
class CategoryProgress:
    category: PracticeCategory
    approved: Decimal = Decimal(0)
    pending: Decimal = Decimal(0)
    returned: Decimal = Decimal(0)
    draft: Decimal = Decimal(0)

    @property
    def required(self) -> Decimal:
        return self.category.required_hours

    @property
    def met(self) -> bool:
        return self.approved >= self.required

    @property
    def missing(self) -> Decimal:
        return max(self.required - self.approved, Decimal(0))


@dataclass
class Progress:
    """Where a learner stands against a programme's hours requirement."""

    learner: object
    programme: object
    requirement: HoursRequirement | None
    categories: list[CategoryProgress]

    def _sum(self, name: str) -> Decimal:
        return sum((getattr(line, name) for line in self.categories), Decimal(0))

    @property
    def caption_id(self) -> str:
        """The id of its table's caption, unique on a page that shows many learners."""
        return f"categories-{self.programme.pk}-{self.learner.pk}"

    @property
    def approved(self) -> Decimal:
        return self._sum("approved")

    @property
    def pending(self) -> Decimal:
        return self._sum("pending")

    @property
    def returned(self) -> Decimal:
        return self._sum("returned")

    @property
    def required(self) -> Decimal:
        return self.requirement.total_hours if self.requirement else Decimal(0)

    @property
    def supervision_received(self) -> Decimal:
        return sum(
            (line.approved for line in self.categories if line.category.is_supervision),
            Decimal(0),
        )

    @property
    def practice(self) -> Decimal:
        return self.approved - self.supervision_received

    @property
    def supervision_required(self) -> Decimal | None:
        """Supervision the approved practice hours call for under the programme's ratio."""
        ratio = self.requirement and self.requirement.practice_hours_per_supervision_hour
        if not ratio:
            return None
        return (self.practice / ratio).quantize(Decimal("0.01"))

    @property
    def ratio_met(self) -> bool:
        needed = self.supervision_required
        return needed is None or self.supervision_received >= needed

    @property
    def met(self) -> bool:
        return (
            self.approved >= self.required
            and all(line.met for line in self.categories)
            and self.ratio_met
        )


def progress_for(learners, programme) -> dict[int, Progress]:
    """Requirement progress for many learners in one programme, in three queries
    (categories, requirement, sums) whatever the number of learners or entries."""
    learners = list(learners)
    categories = list(programme.practice_categories.order_by("sort_order", "name"))
    requirement = HoursRequirement.objects.filter(programme=programme).first()
    summary = _summary([learner.pk for learner in learners], programme)
    result = {}
    for learner in learners:
        sums = summary.get(learner.pk, {})
        lines = [CategoryProgress(category, **sums.get(category.pk, {})) for category in categories]
        result[learner.pk] = Progress(learner, programme, requirement, lines)
    return result


def progress(learner, programme) -> Progress:
    """Requirement progress for one learner in one programme."""
    return progress_for([learner], programme)[learner.pk]
