"""The exam rules, one module per responsibility (errors, attempts, scoring, grading,
regrade, access, results) and re-exported here for views and other apps. Views call
these functions; each docstring states the rule it keeps."""

from .access import can_see_reports, gradable_attempts, is_enrolled, may_grade_exam
from .attempts import (
    close_expired_attempts,
    close_expired_for,
    close_if_expired,
    deadline_for,
    feedback_visible,
    open_attempt,
    parse_response,
    retake_possible,
    save_answer,
    select_questions,
    start_attempt,
    start_problem,
    submit_attempt,
    window_problem,
)
from .errors import (
    AnswerTooLate,
    AttemptClosed,
    CoolingDown,
    ExamRuleError,
    InvalidAnswer,
    NoAttemptsLeft,
    NotEnrolled,
    NotGradable,
    OutsideWindow,
    QuestionNotInAttempt,
)
from .grading import grade_answer, grading_queue
from .regrade import RegradeReport, regrade_exam
from .results import announce_result, has_passed, passed_exam_pairs
from .scoring import apply_result, auto_score, normalise

__all__ = [
    "AnswerTooLate",
    "AttemptClosed",
    "CoolingDown",
    "ExamRuleError",
    "InvalidAnswer",
    "NoAttemptsLeft",
    "NotEnrolled",
    "NotGradable",
    "OutsideWindow",
    "QuestionNotInAttempt",
    "RegradeReport",
    "announce_result",
    "apply_result",
    "auto_score",
    "can_see_reports",
    "close_expired_attempts",
    "close_expired_for",
    "close_if_expired",
    "deadline_for",
    "feedback_visible",
    "retake_possible",
    "grade_answer",
    "gradable_attempts",
    "grading_queue",
    "has_passed",
    "is_enrolled",
    "may_grade_exam",
    "normalise",
    "open_attempt",
    "parse_response",
    "passed_exam_pairs",
    "regrade_exam",
    "save_answer",
    "select_questions",
    "start_attempt",
    "start_problem",
    "submit_attempt",
    "window_problem",
]
