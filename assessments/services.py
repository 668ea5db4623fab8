"""The exam rules. Views call these functions; each docstring states the rule it keeps."""

import datetime
import logging
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms import audit
from cms.access import leads_programme, led_programme_ids
from cms.links import absolute_url
from cms.notifications import deliver
from learners.cohorts.models import Supervision
from learners.journey.models import Enrolment

from .models import Answer, Attempt, ExamPage, ExtraTime, Question
from .signals import attempt_graded

CENT = Decimal("0.01")
RESULT_CHANGED = "exam_result_changed"
logger = logging.getLogger(__name__)


class ExamRuleError(Exception):
    """A rule refused the request; ``message`` is shown to the person."""

    message = gettext_lazy("This is not allowed.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class NotEnrolled(ExamRuleError):
    message = gettext_lazy("Only learners enrolled in this programme can take the exam.")


class OutsideWindow(ExamRuleError):
    message = gettext_lazy("The exam is not open now.")


class NoAttemptsLeft(ExamRuleError):
    message = gettext_lazy("You have used all your attempts at this exam.")


class CoolingDown(ExamRuleError):
    message = gettext_lazy("You can try again later.")


class AttemptClosed(ExamRuleError):
    message = gettext_lazy("This attempt has been submitted; it can no longer be changed.")


class AnswerTooLate(AttemptClosed):
    message = gettext_lazy("Time is up: the answer came after the deadline and was not saved.")


class QuestionNotInAttempt(ExamRuleError):
    message = gettext_lazy("That question is not part of this attempt.")


class InvalidAnswer(ExamRuleError):
    message = gettext_lazy("That answer does not fit the question.")


class NotGradable(ExamRuleError):
    message = gettext_lazy("This answer cannot be graded now.")


# --- access --------------------------------------------------------------------------


def is_enrolled(*, learner, exam: ExamPage) -> bool:
    """Only a logged-in user with an active (not withdrawn) enrolment in the exam's
    programme may take the exam."""
    if not getattr(learner, "is_authenticated", False) or exam.programme is None:
        return False
    return Enrolment.objects.active().filter(learner=learner, programme=exam.programme).exists()


def window_problem(*, exam: ExamPage, now: datetime.datetime) -> ExamRuleError | None:
    """An exam can be started only inside its availability window (either end optional)."""
    if exam.opens_at and now < exam.opens_at:
        return OutsideWindow(_("The exam opens %(when)s.") % {"when": _local(exam.opens_at)})
    if exam.closes_at and now >= exam.closes_at:
        return OutsideWindow(_("The exam closed %(when)s.") % {"when": _local(exam.closes_at)})
    return None


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def start_problem(*, exam: ExamPage, learner, now=None) -> ExamRuleError | None:
    """Why ``learner`` may not start a new attempt now, or None: they must be enrolled,
    the window must be open, attempts must remain (``attempts_allowed``; empty means
    unlimited) and the cooldown since their last submission must have passed."""
    now = now or timezone.now()
    if not is_enrolled(learner=learner, exam=exam):
        return NotEnrolled()
    problem = window_problem(exam=exam, now=now)
    if problem:
        return problem
    attempts = list(Attempt.objects.filter(exam=exam, learner=learner).order_by("-number")[:1])
    used = attempts[0].number if attempts else 0
    if exam.attempts_allowed and used >= exam.attempts_allowed:
        return NoAttemptsLeft()
    if attempts and exam.cooldown_minutes and attempts[0].submitted_at:
        ready = attempts[0].submitted_at + datetime.timedelta(minutes=exam.cooldown_minutes)
        if now < ready:
            return CoolingDown(_("You can try again from %(when)s.") % {"when": _local(ready)})
    return None


def deadline_for(*, exam: ExamPage, learner, started_at) -> tuple[datetime.datetime | None, int]:
    """The server's deadline: start + time limit, lengthened by the learner's extra-time
    accommodation, and never later than the exam's closing time. Returns (deadline,
    extra percent)."""
    extra = ExtraTime.objects.filter(learner=learner).values_list("percent", flat=True).first()
    extra = extra or 0
    deadline = None
    if exam.time_limit:
        deadline = started_at + exam.time_limit * (100 + extra) / 100
    if exam.closes_at and (deadline is None or exam.closes_at < deadline):
        deadline = exam.closes_at
    return deadline, extra


def select_questions(exam: ExamPage, rng: random.Random) -> list[Question]:
    """An attempt gets the exam's fixed questions, then ``count`` questions drawn at random
    per tag rule (never one it already has); shuffled when the exam says so."""
    chosen = [
        link.question
        for link in exam.exam_questions.order_by("sort_order", "pk").select_related("question")
    ]
    taken = {question.pk for question in chosen}
    for rule in exam.random_rules.order_by("sort_order", "pk"):
        pool = list(Question.objects.filter(tags__name=rule.tag).exclude(pk__in=taken).distinct())
        drawn = rng.sample(pool, min(rule.count, len(pool)))
        chosen += drawn
        taken |= {question.pk for question in drawn}
    if exam.shuffle_questions:
        rng.shuffle(chosen)
    return chosen


@transaction.atomic
def start_attempt(*, exam: ExamPage, learner, now=None) -> Attempt:
    """Start an attempt, or resume the learner's open one (a reload never starts a second).

    The questions, their exact wording and the order of their choices are copied into
    the attempt now, so later edits to the bank never change it.
    """
    now = now or timezone.now()
    current = open_attempt(exam=exam, learner=learner, now=now)
    if current is not None:
        return current
    problem = start_problem(exam=exam, learner=learner, now=now)
    if problem:
        raise problem
    rng = random.SystemRandom()
    number = (
        Attempt.objects.filter(exam=exam, learner=learner).order_by("-number")
        .values_list("number", flat=True).first() or 0
    ) + 1  # fmt: skip
    deadline, extra = deadline_for(exam=exam, learner=learner, started_at=now)
    questions = select_questions(exam, rng)
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                exam=exam,
                programme=exam.programme,
                learner=learner,
                number=number,
                started_at=now,
                deadline=deadline,
                extra_time_percent=extra,
                pass_mark=exam.pass_mark,
                max_score=sum((question.points for question in questions), Decimal("0")),
            )
    except IntegrityError:
        # Two starts at once (double click): the other one won; resume it.
        return Attempt.objects.get(exam=exam, learner=learner, status=Attempt.Status.OPEN)
    answers = []
    for position, question in enumerate(questions, start=1):
        snapshot = question.snapshot()
        if exam.shuffle_choices and snapshot["kind"] != Question.Kind.TRUE_FALSE:
            rng.shuffle(snapshot["choices"])
        answers.append(
            Answer(attempt=attempt, question=question, position=position, snapshot=snapshot)
        )
    Answer.objects.bulk_create(answers)
    audit.record(actor=learner, action="exam.attempt.started", target=attempt, exam=exam.pk)
    return attempt


def open_attempt(*, exam: ExamPage, learner, now=None) -> Attempt | None:
    """The learner's open attempt at the exam, after closing it if its deadline passed."""
    attempt = Attempt.objects.filter(exam=exam, learner=learner, status=Attempt.Status.OPEN).first()
    if attempt is not None and close_if_expired(attempt, now=now):
        return None
    return attempt


def close_if_expired(attempt: Attempt, *, now=None) -> bool:
    """An open attempt past its deadline is submitted automatically, with the answers
    saved before the deadline, on the next access. Returns True if it is closed now."""
    now = now or timezone.now()
    if attempt.is_open and attempt.is_past_deadline(now):
        submit_attempt(attempt=attempt, now=now, auto=True)
        attempt.refresh_from_db()
        return True
    return not attempt.is_open


def close_expired_attempts(*, now=None) -> int:
    """Submit every open attempt whose deadline has passed (the periodic task)."""
    now = now or timezone.now()
    closed = 0
    for attempt in Attempt.objects.expired(now).select_related("exam"):
        if submit_attempt(attempt=attempt, now=now, auto=True).auto_submitted:
            closed += 1
    return closed


# --- answering -----------------------------------------------------------------------


def parse_response(snapshot: dict, data) -> dict:
    """Turn posted form data into a response. Choices travel as their position in the
    shown order (never as an id that could hint at the key); a single-choice or
    true/false question takes at most one."""
    kind = snapshot["kind"]
    if kind in ("essay", "short_answer"):
        return {"text": (data.get("text") or "").strip()[:20000]}
    ids = [choice["id"] for choice in snapshot["choices"]]
    picked = []
    for raw in data.getlist("choice") if hasattr(data, "getlist") else data.get("choice", []):
        try:
            index = int(raw)
        except (TypeError, ValueError):
            raise InvalidAnswer() from None
        if not 0 <= index < len(ids):
            raise InvalidAnswer()
        if ids[index] not in picked:
            picked.append(ids[index])
    if kind != "multiple" and len(picked) > 1:
        raise InvalidAnswer()
    return {"choices": picked}


def save_answer(*, attempt: Attempt, question_id, data, now=None) -> Answer:
    """Save one answer as it is given. Refused when the attempt is no longer open, when
    the question is not one of the attempt's, and after the deadline — a late answer is
    not saved and the attempt is submitted without it."""
    now = now or timezone.now()
    late = False
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            raise AttemptClosed()
        if locked.is_past_deadline(now):
            _submit_locked(locked, now=now, auto=True, actor=None)
            late = True
        else:
            try:
                answer = locked.answers.get(question_id=int(question_id))
            except (Answer.DoesNotExist, TypeError, ValueError):
                raise QuestionNotInAttempt() from None
            answer.response = parse_response(answer.snapshot, data)
            answer.answered_at = now
            answer.save(update_fields=["response", "answered_at"])
    if late:
        raise AnswerTooLate()
    return answer


# --- scoring -------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Short answers compare without regard to case or spacing."""
    return " ".join((text or "").split()).casefold()


def auto_score(snapshot: dict, response: dict | None) -> Decimal | None:
    """Score an answer by its key; None for an essay, which a person grades.

    Single choice and true/false: full points for the correct choice. Multiple choice,
    all or nothing: full points only for exactly the correct set. Multiple choice,
    partial: points × (right choices − wrong choices) / number of correct choices, never
    below 0. Short answer: full points when the text matches an accepted answer, ignoring
    case and spacing. No answer scores 0.
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


def _apply_result(attempt: Attempt, answers: list[Answer], now) -> None:
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


def submit_attempt(*, attempt: Attempt, actor=None, now=None, auto: bool = False) -> Attempt:
    """Submit and grade an attempt once. The row is locked, so of two simultaneous
    submissions one grades and the other finds the attempt already submitted and
    changes nothing. Automatic questions are scored now; essays wait for a grader."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.is_open:
            _submit_locked(locked, now=now, auto=auto, actor=actor)
    return locked


def _submit_locked(attempt: Attempt, *, now, auto: bool, actor) -> None:
    answers = list(attempt.answers.all())
    for answer in answers:
        answer.score = auto_score(answer.snapshot, answer.response)
        if answer.score is not None:
            answer.graded_at = now
    Answer.objects.bulk_update(answers, ["score", "graded_at"])
    # Submitted at the deadline when closed late: nothing after it counted.
    attempt.submitted_at = min(now, attempt.deadline) if attempt.deadline else now
    attempt.auto_submitted = auto
    _apply_result(attempt, answers, now)
    attempt.save(
        update_fields=[
            "status", "submitted_at", "auto_submitted", "score", "max_score", "percent",
            "graded_at",
        ]
    )  # fmt: skip
    audit.record(
        actor=actor,
        action="exam.attempt.submitted",
        target=attempt,
        automatic=auto,
        status=attempt.status,
        score=str(attempt.score) if attempt.score is not None else None,
    )
    if attempt.is_final:
        announce_result(attempt)


# --- grading by a person -------------------------------------------------------------


def gradable_attempts(user) -> QuerySet:
    """Attempts a user may grade and see: those of learners they actively supervise in
    the attempt's programme, and those in programmes they lead. Superusers see all."""
    if not getattr(user, "is_authenticated", False):
        return Attempt.objects.none()
    if user.is_superuser:
        return Attempt.objects.all()
    supervised = Supervision.objects.active().filter(
        supervisor=user, learner=OuterRef("learner"), programme=OuterRef("programme")
    )
    return Attempt.objects.filter(Q(Exists(supervised)) | Q(programme__in=led_programme_ids(user)))


def can_see_reports(*, user, exam: ExamPage) -> bool:
    """Reports, CSV export and regrading are for the leads of the exam's programme."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return exam.programme is not None and leads_programme(user, exam.programme)


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
            points = Decimal(str(points)).quantize(CENT)
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
        _apply_result(attempt, list(attempt.answers.all()), now)
        attempt.save(update_fields=["status", "score", "max_score", "percent", "graded_at"])
        audit.record(
            actor=grader,
            action="exam.answer.graded",
            target=attempt,
            answer=answer.pk,
            points=str(points),
            status=attempt.status,
        )
        if attempt.is_final:
            announce_result(attempt)
    return answer


# --- regrading -----------------------------------------------------------------------


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
        keys = {q.pk: q.key_snapshot() for q in Question.objects.filter(pk__in=question_ids)}
        changed_answers = []
        for attempt in attempts:
            report.attempts += 1
            answers = answers_by_attempt.get(attempt.pk, [])
            for answer in answers:
                if answer.is_essay:
                    continue
                key = keys[answer.question_id]
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
            _apply_result(attempt, answers, now)
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


# --- results other apps rely on ------------------------------------------------------


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
    attempt_graded.send(
        sender=Attempt,
        attempt=attempt,
        learner=attempt.learner,
        exam=attempt.exam,
        programme=attempt.programme,
        passed=has_passed(learner=attempt.learner, exam=attempt.exam),
    )


def feedback_visible(*, attempt: Attempt, now=None) -> bool:
    """Correct answers and explanations are shown only after submission, and then as the
    exam's feedback policy says: at once, after the window closes (at once if it has no
    closing time), or never."""
    if attempt.is_open:
        return False
    policy = attempt.exam.feedback_policy
    if policy == ExamPage.Feedback.NEVER:
        return False
    if policy == ExamPage.Feedback.AFTER_CLOSE and attempt.exam.closes_at:
        return (now or timezone.now()) >= attempt.exam.closes_at
    return True


def may_grade_exam(*, user, exam: ExamPage) -> bool:
    """The grading queue of an exam is open to the leads of its programme and to anyone
    actively supervising a learner in that programme."""
    if not getattr(user, "is_authenticated", False):
        return False
    if can_see_reports(user=user, exam=exam):
        return True
    return Supervision.objects.active().filter(supervisor=user, programme=exam.programme).exists()


def close_expired_for(*, learner, exam: ExamPage) -> None:
    """Visiting an exam closes the visitor's own attempt there if its time is up."""
    if getattr(learner, "is_authenticated", False):
        open_attempt(exam=exam, learner=learner)
