"""The eligibility engine: where a learner stands against a programme's certification
track, requirement by requirement, with exactly what is still missing.

``eligibility(learner, programme, level)`` is evaluated on demand, one track (level) at a
time; ``evaluate_and_store`` keeps the results of every level for lists. The results and
what they say to the learner are in ``learners.certification.results``; what happens
after an event that can change them is in ``learners.certification.standing``.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from assessments.models import ExamPage
from assessments.services import passed_exam_pairs
from courses.models import CertificationTrack, ProgrammePage, TrackRequirement
from learners.hours.models import HoursRequirement, PracticeCategory
from learners.hours.progress import approved_hours_by_category
from learners.journey.models import ModuleProgress
from learners.journey.required import required_for
from learners.practicum.models import PracticumEntry

from .education import FACE_TO_FACE, TOTAL, education_hours, years_before
from .models import Attestation, Certificate, Declaration, EligibilitySnapshot
from .results import ZERO, Eligibility, Kind, RequirementResult


def tracks_for(programme) -> list[CertificationTrack]:
    """The programme's tracks, lowest level first: one for most programmes, several for a
    programme with levels, none for a programme without certification."""
    return list(
        CertificationTrack.objects.filter(programme=programme)
        .select_related("programme")
        .prefetch_related("requirements")
        .order_by("sort_order", "pk")
    )


def track_for(programme, level: str | None = None) -> CertificationTrack | None:
    """The track of the level with this key; without a key, the programme's first."""
    tracks = CertificationTrack.objects.filter(programme=programme)
    if level is not None:
        tracks = tracks.filter(key=level)
    return (
        tracks.select_related("programme")
        .prefetch_related("requirements")
        .order_by("sort_order", "pk")
        .first()
    )


def eligibility(learner, programme: ProgrammePage, level: str | None = None) -> Eligibility:
    """Where the learner stands against one level's track (by its key; without a key,
    the programme's first track). A programme without a track (or without that level)
    has no requirements and is never "eligible"."""
    track = track_for(programme, level)
    if track is None:
        return Eligibility(programme, None, [])
    return standing_against(learner, track)


def standing_against(learner, track: CertificationTrack) -> Eligibility:
    """Every requirement of the track, met or not, with what is missing.

    - *modules*: every published module of the programme completed;
    - *module* / *exam*: that module completed / that exam passed in any attempt (a
      failed attempt followed by a pass counts as passed);
    - *hours*: approved practice hours in the programme, where an approved correction
      counts instead of the entry it corrects;
    - *hours_category*: the same within one practice category (named by its key);
    - *practice_hours* / *supervision_hours*: approved hours in the categories that are
      not / are supervision received;
    - *supervision_ratio*: approved supervision received is at least the approved direct
      practice hours divided by the programme's practice hours per supervision hour;
    - *education*: hours in the topic from completed modules (any programme, their
      estimated time) and approved external courses (``education.education_hours``);
    - *attestation*: an administrator has confirmed it with evidence;
    - *declaration*: the learner signed it on the platform and, where the track asks,
      their supervisor or an administrator confirmed it (one declaration per programme
      and key: levels asking for the same key share it);
    - *level*: the learner holds a current certificate of the programme's level with
      that key (a higher level requiring the lower one held);
    - *practicum*: at least ``amount`` practicum meetings the learner's mentor confirmed,
      in the role named by the key or a higher one (``learners.practicum``).
    """
    programme = track.programme
    rows = sorted(
        (row for row in track.requirements.all() if row.kind != Kind.RENEWAL_EDUCATION),
        key=lambda row: (row.sort_order, row.pk),
    )
    kinds = {row.kind for row in rows}
    modules = (
        required_for(learner=learner, programme=programme, modules=programme.modules())
        if kinds & {Kind.MODULES, Kind.MODULE}
        else []
    )
    completed = _completed_module_ids(learner, rows, modules)
    hours = (
        _hours_by_key(learner, programme) if kinds & TrackRequirement.PRACTICE else PracticeHours()
    )
    education = (
        _education(learner, rows, track.verified_education)
        if kinds & {Kind.EDUCATION, Kind.FACE_TO_FACE_SHARE}
        else {}
    )
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
    declared = (
        {d.key: d for d in Declaration.objects.filter(learner=learner, programme=programme)}
        if Kind.DECLARATION in kinds
        else {}
    )
    levels = _levels_held(learner, programme) if Kind.LEVEL in kinds else {}
    results = []
    for row in rows:
        if row.kind == Kind.DECLARATION:
            results.append(_declaration(row, programme, declared.get(row.key)))
        elif row.kind == Kind.PRACTICUM:
            results.append(_practicum(row, learner, programme))
        elif row.kind == Kind.LEVEL:
            name, held = levels.get(row.key, (row.key, False))
            results.append(
                RequirementResult(row.kind, row.key, name, held, Decimal(1), Decimal(held))
            )
        else:
            results.append(_evaluate(row, modules, completed, hours, education, exams, attested))
    return Eligibility(programme, track, results)


def _levels_held(learner, programme) -> dict[str, tuple[str, bool]]:
    """Each level of the programme by key: its name and whether the learner holds a
    current certificate of it (two queries)."""
    held = set(
        Certificate.objects.current()
        .filter(learner=learner, programme=programme, category=Certificate.Category.CERTIFICATION)
        .values_list("level", flat=True)
    )
    tracks = CertificationTrack.objects.filter(programme=programme).values_list("key", "name")
    return {key: (name or key, key in held) for key, name in tracks}


def _practicum(row, learner, programme) -> RequirementResult:
    """Confirmed meetings in the row's role or higher, against the row's number (one
    query)."""
    required = Decimal(row.amount or 0)
    done = Decimal(
        PracticumEntry.objects.meetings(learner=learner, programme=programme, role=row.key)
    )
    return RequirementResult(row.kind, row.key, row.key, done >= required, required, done)


def _declaration(row, programme, declaration) -> RequirementResult:
    """Met once signed and, where the track asks, confirmed. The result carries only the
    track's wording, never what the learner declared."""
    met = declaration is not None and declaration.met
    state = "met" if met else ("signed" if declaration else "")
    url = "" if declaration else reverse("learners:declaration-sign", args=[programme.pk, row.key])
    return RequirementResult(
        row.kind, row.key, row.label or row.key, met, Decimal(1), Decimal(met),
        state=state, confirmation=row.confirmation, url=url,
    )  # fmt: skip


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
    practice, supervision = hours.practice, hours.supervision
    if row.kind == Kind.HOURS:
        achieved = practice + supervision
        return RequirementResult(row.kind, "", "", achieved >= amount, amount, achieved)
    if row.kind == Kind.HOURS_CATEGORY:
        name, achieved, _supervision = hours.categories.get(row.key, (row.key, ZERO, False))
        return RequirementResult(row.kind, row.key, name, achieved >= amount, amount, achieved)
    if row.kind == Kind.PRACTICE_HOURS:
        return RequirementResult(row.kind, "", "", practice >= amount, amount, practice)
    if row.kind == Kind.SUPERVISION_HOURS:
        return RequirementResult(row.kind, "", "", supervision >= amount, amount, supervision)
    if row.kind == Kind.SUPERVISION_RATIO:
        ratio = hours.ratio
        if not ratio:
            return RequirementResult(row.kind, "", "", True)
        needed = (practice / ratio).quantize(Decimal("0.01"))
        return RequirementResult(
            row.kind, "", str(ratio), supervision >= needed, needed, supervision
        )
    if row.kind == Kind.EDUCATION:
        achieved = education[row.within_years].get(row.key, ZERO)
        name = row.label or row.key
        return RequirementResult(row.kind, row.key, name, achieved >= amount, amount, achieved)
    if row.kind == Kind.FACE_TO_FACE_SHARE:
        total = education[None].get(TOTAL, ZERO)
        share = (education[None].get(FACE_TO_FACE, ZERO) * 100 / total) if total else ZERO
        share = share.quantize(Decimal("0.1"))
        return RequirementResult(row.kind, "", "", bool(total) and share >= amount, amount, share)
    met = row.key in attested
    return RequirementResult(row.kind, row.key, row.label or row.key, met, Decimal(1), Decimal(met))


def _education(learner, rows, verified: bool) -> dict[int | None, dict[str, Decimal]]:
    """Education hours per topic for each window the track's rows ask for: ``None`` for
    all time, N for the last N years (``within_years``)."""
    today = timezone.localdate()
    windows = {None} | {row.within_years for row in rows if row.kind == Kind.EDUCATION}
    return {
        years: education_hours(
            learner, since=years_before(today, years) if years else None, verified=verified
        )
        for years in windows
    }


def _completed_module_ids(learner, rows, modules) -> set[int]:
    if not modules:
        return set()
    return set(
        ModuleProgress.objects.filter(
            learner=learner, module__in=modules, completed_at__isnull=False
        ).values_list("module_id", flat=True)
    )


@dataclass
class PracticeHours:
    """Approved hours per category key, ``{key: (name, hours, is_supervision)}``, and the
    programme's practice hours per hour of supervision (None: no ratio)."""

    categories: dict[str, tuple[str, Decimal, bool]] = field(default_factory=dict)
    ratio: int | None = None

    @property
    def practice(self) -> Decimal:
        return sum((v for _n, v, sup in self.categories.values() if not sup), ZERO)

    @property
    def supervision(self) -> Decimal:
        return sum((v for _n, v, sup in self.categories.values() if sup), ZERO)


def _hours_by_key(learner, programme) -> PracticeHours:
    """Approved hours per practice category and the supervision ratio, in three queries."""
    categories = {c.pk: c for c in PracticeCategory.objects.filter(programme=programme)}
    totals = approved_hours_by_category([learner], programme)[learner.pk]
    result = {c.slug: (c.name, ZERO, c.is_supervision) for c in categories.values()}
    for category_id, value in totals.items():
        category = categories[category_id]
        result[category.slug] = (category.name, Decimal(value), category.is_supervision)
    requirement = HoursRequirement.objects.filter(programme=programme).first()
    ratio = requirement.practice_hours_per_supervision_hour if requirement else None
    return PracticeHours(result, ratio)


def _exams(learner, rows) -> dict[str, tuple[str, bool]]:
    keys = [row.key for row in rows if row.kind == Kind.EXAM]
    exams = list(ExamPage.objects.filter(content_key__in=keys))
    passed = passed_exam_pairs(learner_ids=[learner.pk], exam_ids=[e.pk for e in exams])
    return {e.content_key: (e.title, (learner.pk, e.pk) in passed) for e in exams}


def store(learner, result: Eligibility) -> Eligibility:
    """Keep one level's evaluated standing (``EligibilitySnapshot``) for lists. The row
    is written only when the standing differs from the stored one (or was marked stale),
    so a page that shows the standing on every view (the programme page) reads and never
    writes while nothing changed."""
    values = {
        "eligible": result.eligible,
        "stale": False,
        "results": [item.as_json() for item in result.requirements],
    }
    row = {"learner": learner, "programme": result.programme, "level": result.track.key}
    stored = EligibilitySnapshot.objects.filter(**row).values(*values).first()
    if stored != values:
        EligibilitySnapshot.objects.update_or_create(**row, defaults=values)
    return result


def evaluate_and_store(*, learner, programme: ProgrammePage) -> list[Eligibility]:
    """Evaluate the learner's standing against every level of the programme, lowest
    first, and store each for lists that read many at once; empty without a track."""
    return [store(learner, standing_against(learner, track)) for track in tracks_for(programme)]


@dataclass
class StoredStanding:
    """One level's standing as last stored: the level's key and name, and the results."""

    level: str
    name: str
    eligible: bool
    requirements: list[RequirementResult]


def snapshots(learner, programmes) -> dict[int, list[StoredStanding]]:
    """Last evaluated standings for many programmes, each programme's levels lowest
    first, in one query (a level the programme no longer offers is left out)."""
    track = CertificationTrack.objects.filter(
        programme=OuterRef("programme"), key=OuterRef("level")
    )
    rows = (
        EligibilitySnapshot.objects.filter(learner=learner, programme__in=programmes)
        .filter(Exists(track))
        .annotate(
            level_name=Subquery(track.values("name")[:1]),
            level_order=Subquery(track.values("sort_order")[:1]),
        )
        .order_by("programme_id", "level_order", "pk")
    )
    result: dict[int, list[StoredStanding]] = {}
    for row in rows:
        result.setdefault(row.programme_id, []).append(
            StoredStanding(
                row.level,
                row.level_name,
                row.eligible,
                [RequirementResult.from_json(d) for d in row.results],
            )
        )
    return result
