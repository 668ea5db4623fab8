"""Taking an exam: who may start, the server's deadline, the questions an attempt gets,
answering as you go, submitting, and closing attempts whose time is up."""

import datetime
import random
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import audit

from ..models import Answer, Attempt, ExamPage, ExtraTime, Question
from .access import taking_problem
from .errors import (
    AnswerTooLate,
    AttemptClosed,
    CoolingDown,
    ExamRuleError,
    InvalidAnswer,
    NoAttemptsLeft,
    OutsideWindow,
    QuestionNotInAttempt,
)
from .results import announce_result
from .scoring import apply_result, auto_score


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
    problem = taking_problem(learner=learner, exam=exam) or window_problem(exam=exam, now=now)
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
    per tag rule (never one it already has) from the exam's programme's bank and the
    shared bank (questions of no programme, kept by administrators), never from another
    programme's; shuffled when the exam says so."""
    chosen = [
        link.question
        for link in exam.exam_questions.order_by("sort_order", "pk").select_related("question")
    ]
    taken = {question.pk for question in chosen}
    for rule in exam.random_rules.order_by("sort_order", "pk"):
        pool = list(
            Question.objects.filter(tags__name=rule.tag)
            .filter(Q(programme=exam.programme) | Q(programme__isnull=True))
            .exclude(pk__in=taken)
            .distinct()
        )
        drawn = rng.sample(pool, min(rule.count, len(pool)))
        chosen += drawn
        taken |= {question.pk for question in drawn}
    if exam.shuffle_questions:
        rng.shuffle(chosen)
    return chosen


@transaction.atomic
def start_attempt(*, exam: ExamPage, learner, now=None, language: str | None = None) -> Attempt:
    """Start an attempt, or resume the learner's open one (a reload never starts a second).

    The questions, their exact wording (in ``language`` where a question is translated:
    the learner took a translated exam) and the order of their choices are copied into
    the attempt now, so later edits to the bank never change it. ``exam`` is the source
    exam: an attempt at a translation counts against it.
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
        snapshot = question.snapshot(language)
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


def parse_response(snapshot: dict, data, prefix: str = "") -> dict:
    """Turn posted form data into a response. Choices travel as their position in the
    shown order (never as an id that could hint at the key); a single-choice or
    true/false question takes at most one. ``prefix`` names one question's fields when
    a form carries several (``q<id>-text``, ``q<id>-choice``)."""
    kind = snapshot["kind"]
    if kind in ("essay", "short_answer"):
        return {"text": (data.get(prefix + "text") or "").strip()[:20000]}
    ids = [choice["id"] for choice in snapshot["choices"]]
    picked = []
    raws = (
        data.getlist(prefix + "choice")
        if hasattr(data, "getlist")
        else data.get(prefix + "choice", [])
    )
    for raw in raws:
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


def field_prefix(question_id) -> str:
    """The prefix of one question's fields in the exam form (``q12-``)."""
    return f"q{question_id}-"


def _same_response(stored: dict | None, new: dict) -> bool:
    """Nothing stored and an empty answer on screen are the same thing."""
    if stored is None:
        return not any(new.values())
    return stored == new


def save_answers(*, attempt: Attempt, data, seq: int = 0, now=None) -> list[Answer]:
    """Store what is on the learner's screen: every question the form lists in
    ``questions`` gets the response its fields hold (an empty field clears the answer),
    and only answers that changed are written. All or nothing: one invalid answer
    refuses the whole save. Autosaves carry a rising ``seq``; one that arrives after a
    newer save (lower ``seq``) changes nothing, and a save without ``seq`` (a plain form
    post) always applies. Refused when the attempt is closed, when the learner may no
    longer take the exam (withdrawn, or its module locked); after the deadline nothing
    is saved and the attempt is submitted without it. Returns the attempt's answers."""
    now = now or timezone.now()
    problem = taking_problem(learner=attempt.learner, exam=attempt.exam)
    if problem:
        raise problem
    late = False
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            raise AttemptClosed()
        if locked.is_past_deadline(now):
            _submit_locked(locked, now=now, auto=True, actor=None)
            late = True
        else:
            answers = list(locked.answers.order_by("position"))
            if seq and seq <= locked.client_seq:
                return answers
            by_question = {str(answer.question_id): answer for answer in answers}
            listed = data.getlist("questions") if hasattr(data, "getlist") else []
            if any(question_id not in by_question for question_id in listed):
                raise QuestionNotInAttempt()
            changed = []
            for question_id in dict.fromkeys(listed):
                answer = by_question[question_id]
                response = parse_response(answer.snapshot, data, field_prefix(question_id))
                if not _same_response(answer.response, response):
                    answer.response, answer.answered_at = response, now
                    changed.append(answer)
            Answer.objects.bulk_update(changed, ["response", "answered_at"])
            if seq:
                locked.client_seq = seq
                locked.save(update_fields=["client_seq"])
    if late:
        raise AnswerTooLate()
    return answers


def save_answer(*, attempt: Attempt, question_id, data, now=None) -> Answer:
    """Save one question's answer from unprefixed fields (``text``, ``choice``): the
    same rule as ``save_answers``, for callers that answer one question at a time."""
    prefix = field_prefix(question_id)
    form = QueryDict(mutable=True)
    form.setlist("questions", [str(question_id)])
    for key in ("text", "choice"):
        values = data.getlist(key) if hasattr(data, "getlist") else data.get(key)
        if values is None:
            continue
        form.setlist(prefix + key, values if isinstance(values, list) else [values])
    answers = save_answers(attempt=attempt, data=form, now=now)
    return next(answer for answer in answers if str(answer.question_id) == str(question_id))


def submit_attempt(*, attempt: Attempt, actor=None, now=None, auto: bool = False) -> Attempt:
    """Submit and grade an attempt once. The row is locked, so of two simultaneous
    submissions one grades and the other finds the attempt already submitted and
    changes nothing. Automatic questions are scored now; essays wait for a grader. A
    learner who may no longer take the exam (withdrawn, module locked) cannot submit;
    an expired attempt is still closed automatically."""
    now = now or timezone.now()
    if not auto and actor is not None:
        problem = taking_problem(learner=attempt.learner, exam=attempt.exam)
        if problem:
            raise problem
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
    apply_result(attempt, answers, now)
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


def feedback_visible(*, attempt: Attempt, now=None) -> bool:
    """Correct answers and explanations are shown only after submission, then as the
    exam's feedback policy says (at once, after the window closes, or never), and never
    while the learner could still start an attempt that may draw the same questions."""
    if attempt.is_open:
        return False
    now = now or timezone.now()
    exam = attempt.exam
    policy = exam.feedback_policy
    if policy == ExamPage.Feedback.NEVER:
        return False
    closed = exam.closes_at is not None and now >= exam.closes_at
    if policy == ExamPage.Feedback.AFTER_CLOSE and exam.closes_at and not closed:
        return False
    return closed or not retake_possible(exam=exam, learner=attempt.learner)


def retake_possible(*, exam: ExamPage, learner) -> bool:
    """Whether ``learner`` may still start another attempt at ``exam`` some time: the
    exam does not limit attempts, or they have not used them all. (Waiting out the
    cooldown does not count: the retake comes later, but it comes.)"""
    if not exam.attempts_allowed:
        return True
    used = (
        Attempt.objects.filter(exam=exam, learner=learner)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (used or 0) < exam.attempts_allowed


def close_expired_for(*, learner, exam: ExamPage) -> None:
    """Visiting an exam closes the visitor's own attempt there if its time is up."""
    if getattr(learner, "is_authenticated", False):
        open_attempt(exam=exam, learner=learner)
