"""The eligibility engine: where a learner stands against a programme's certification
track, requirement by requirement, with exactly what is still missing.

``eligibility(learner, programme)`` is evaluated on demand; ``evaluate_and_store`` keeps
the result for lists. What happens after an event that can change it is in
``learners.certification.standing``.
"""

from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.models import ExamPage
from assessments.services import passed_exam_pairs
from courses.models import CertificationTrack, ProgrammePage, TrackRequirement
from learners.hours.models import PracticeCategory
from learners.hours.progress import approved_hours_by_category
from learners.journey.models import ModuleProgress

from .models import Attestation, EligibilitySnapshot

Kind = TrackRequirement.Kind
ZERO = Decimal(0)


def _hours(value: Decimal) -> str:
    """12.5, 3, 0.25 — as few decimals as the number needs, in the active locale."""
    value = Decimal(value).normalize()
    places = max(0, -value.as_tuple().exponent)
    return number_format(value, decimal_pos=places)


@dataclass
class RequirementResult:
    """One requirement and where the learner stands. ``required`` and ``achieved`` are
    counts (modules) or hours; ``name`` is the module, exam, category or topic's name;
    ``detail`` lists what is still to do where that is a list."""

    kind: str
    key: str
    name: str
    met: bool
    required: Decimal = ZERO
    achieved: Decimal = ZERO
    detail: list[str] = field(default_factory=list)

    @property
    def missing(self) -> Decimal:
        return max(Decimal(self.required) - Decimal(self.achieved), ZERO)

    @property
    def message(self) -> str:
        """What the learner reads: done, or exactly what is missing."""
        missing = self.missing
        if self.kind == Kind.MODULES:
            if self.met:
                return _("All modules completed")
            count = int(missing)
            return ngettext(
                "Complete %(count)s more module: %(titles)s",
                "Complete %(count)s more modules: %(titles)s",
                count,
            ) % {"count": count, "titles": ", ".join(self.detail)}
        if self.kind == Kind.MODULE:
            if self.met:
                return _("Module “%(name)s” completed") % {"name": self.name}
            return _("Complete module “%(name)s”") % {"name": self.name}
        if self.kind == Kind.EXAM:
            if self.met:
                return _("Exam “%(name)s” passed") % {"name": self.name}
            return _("Pass exam “%(name)s”") % {"name": self.name}
        if self.kind == Kind.HOURS:
            if self.met:
                return _("%(hours)s approved practice hours") % {"hours": _hours(self.achieved)}
            return _("%(missing)s more approved hours in total (%(done)s of %(required)s)") % {
                "missing": _hours(missing),
                "done": _hours(self.achieved),
                "required": _hours(self.required),
            }
        if self.kind == Kind.HOURS_CATEGORY:
            if self.met:
                return _("%(hours)s approved hours in %(name)s") % {
                    "hours": _hours(self.achieved),
                    "name": self.name,
                }
            return _("%(missing)s more approved hours in %(name)s") % {
                "missing": _hours(missing),
                "name": self.name,
            }
        if self.kind == Kind.EDUCATION:
            if self.met:
                return _("%(hours)s hours of education in %(name)s") % {
                    "hours": _hours(self.achieved),
                    "name": self.name,
                }
            return _("%(missing)s more hours of education in %(name)s") % {
                "missing": _hours(missing),
                "name": self.name,
            }
        if self.met:
            return _("Confirmed: %(name)s") % {"name": self.name}
        return _("Not confirmed yet: %(name)s. Show your evidence to an administrator.") % {
            "name": self.name
        }

    def as_json(self) -> dict:
        data = asdict(self)
        data["required"], data["achieved"] = str(self.required), str(self.achieved)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "RequirementResult":
        return cls(
            **{**data, "required": Decimal(data["required"]), "achieved": Decimal(data["achieved"])}
        )


@dataclass
class Eligibility:
    programme: ProgrammePage
    track: CertificationTrack | None
    requirements: list[RequirementResult]

    @property
    def eligible(self) -> bool:
        return self.track is not None and all(result.met for result in self.requirements)

    @property
    def missing(self) -> list[RequirementResult]:
        return [result for result in self.requirements if not result.met]


def track_for(programme) -> CertificationTrack | None:
    return (
        CertificationTrack.objects.filter(programme=programme)
        .prefetch_related("requirements")
        .first()
    )


def eligibility(learner, programme: ProgrammePage) -> Eligibility:
    """Every requirement of the programme's track, met or not, with what is missing.

    - *modules*: every published module of the programme completed;
    - *module* / *exam*: that module completed / that exam passed in any attempt (a
      failed attempt followed by a pass counts as passed);
    - *hours*: approved practice hours in the programme, where an approved correction
      counts instead of the entry it corrects;
    - *hours_category*: the same within one practice category (named by its key);
    - *education*: estimated time of completed modules (any programme) tagged with the
      topic, in hours;
    - *attestation*: an administrator has confirmed it with evidence.

    A programme without a track has no requirements and is never "eligible".
    """
    track = track_for(programme)
    if track is None:
        return Eligibility(programme, None, [])
    rows = sorted(track.requirements.all(), key=lambda row: (row.sort_order, row.pk))
    kinds = {row.kind for row in rows}
    modules = list(programme.modules()) if kinds & {Kind.MODULES, Kind.MODULE} else []
    completed = _completed_module_ids(learner, rows, modules)
    hours = _hours_by_key(learner, programme) if kinds & {Kind.HOURS, Kind.HOURS_CATEGORY} else {}
    education = _education_hours(learner, rows) if Kind.EDUCATION in kinds else {}
    exams = _exams(learner, rows) if Kind.EXAM in kinds else {}
    attested = (
        set(
            Attestation.objects.filter(learner=learner, programme=programme).values_list(
                "key", flat=True
            )
        )
        if Kind.ATTESTATION in kinds
        else set()
    )
    results = []
    for row in rows:
        results.append(_evaluate(row, modules, completed, hours, education, exams, attested))
    return Eligibility(programme, track, results)


def _evaluate(row, modules, completed, hours, education, exams, attested) -> RequirementResult:
    amount = Decimal(row.amount or 0)
    if row.kind == Kind.MODULES:
        missing = [m.title for m in modules if m.pk not in completed]
        return RequirementResult(
            row.kind, "", "", not missing and bool(modules), Decimal(len(modules)),
            Decimal(len(modules) - len(missing)), missing,
        )  # fmt: skip
    if row.kind == Kind.MODULE:
        module = next((m for m in modules if m.content_key == row.key), None)
        name = module.title if module else row.key
        done = module is not None and module.pk in completed
        return RequirementResult(row.kind, row.key, name, done, Decimal(1), Decimal(int(done)))
    if row.kind == Kind.EXAM:
        title, passed = exams.get(row.key, (row.key, False))
        return RequirementResult(row.kind, row.key, title, passed, Decimal(1), Decimal(passed))
    if row.kind == Kind.HOURS:
        achieved = sum((value for _name, value in hours.values()), ZERO)
        return RequirementResult(row.kind, "", "", achieved >= amount, amount, achieved)
    if row.kind == Kind.HOURS_CATEGORY:
        name, achieved = hours.get(row.key, (row.key, ZERO))
        return RequirementResult(row.kind, row.key, name, achieved >= amount, amount, achieved)
    if row.kind == Kind.EDUCATION:
        achieved = education.get(row.key, ZERO)
        name = row.label or row.key
        return RequirementResult(row.kind, row.key, name, achieved >= amount, amount, achieved)
    met = row.key in attested
    return RequirementResult(row.kind, row.key, row.label or row.key, met, Decimal(1), Decimal(met))


def _completed_module_ids(learner, rows, modules) -> set[int]:
    if not modules:
        return set()
    return set(
        ModuleProgress.objects.filter(
            learner=learner, module__in=modules, completed_at__isnull=False
        ).values_list("module_id", flat=True)
    )


def _hours_by_key(learner, programme) -> dict[str, tuple[str, Decimal]]:
    """Approved hours per practice category key: {key: (name, hours)}."""
    categories = {c.pk: c for c in PracticeCategory.objects.filter(programme=programme)}
    totals = approved_hours_by_category([learner], programme)[learner.pk]
    result = {c.slug: (c.name, ZERO) for c in categories.values()}
    for category_id, value in totals.items():
        category = categories[category_id]
        result[category.slug] = (category.name, Decimal(value))
    return result


def _education_hours(learner, rows) -> dict[str, Decimal]:
    topics = {row.key for row in rows if row.kind == Kind.EDUCATION}
    condition = Q()
    for topic in topics:
        condition |= Q(module__topics__icontains=topic)
    done = ModuleProgress.objects.filter(
        condition, learner=learner, completed_at__isnull=False, module__live=True
    ).select_related("module")
    result = dict.fromkeys(topics, ZERO)
    for progress in done:
        for topic in topics & set(progress.module.topic_list):
            result[topic] += Decimal(progress.module.estimated_minutes) / 60
    return {topic: value.quantize(Decimal("0.01")) for topic, value in result.items()}


def _exams(learner, rows) -> dict[str, tuple[str, bool]]:
    keys = [row.key for row in rows if row.kind == Kind.EXAM]
    exams = list(ExamPage.objects.filter(content_key__in=keys))
    passed = passed_exam_pairs(learner_ids=[learner.pk], exam_ids=[e.pk for e in exams])
    return {e.content_key: (e.title, (learner.pk, e.pk) in passed) for e in exams}


def evaluate_and_store(*, learner, programme: ProgrammePage) -> Eligibility | None:
    """Evaluate the learner's standing and store it (``EligibilitySnapshot``) for lists
    that read many at once; None for a programme without a track."""
    if not CertificationTrack.objects.filter(programme=programme).exists():
        return None
    result = eligibility(learner, programme)
    EligibilitySnapshot.objects.update_or_create(
        learner=learner,
        programme=programme,
        defaults={
            "eligible": result.eligible,
            "stale": False,
            "results": [item.as_json() for item in result.requirements],
        },
    )
    return result


def snapshots(learner, programmes) -> dict[int, tuple[bool, list[RequirementResult]]]:
    """Last evaluated standings for many programmes in one query."""
    rows = EligibilitySnapshot.objects.filter(learner=learner, programme__in=programmes)
    return {
        row.programme_id: (row.eligible, [RequirementResult.from_json(d) for d in row.results])
        for row in rows
    }
