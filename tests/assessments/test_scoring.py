"""Automatic scoring rules, table-driven: snapshot + response → points."""

from decimal import Decimal

import pytest

from assessments.services import auto_score, normalise


def choice_snapshot(kind, correct, others, points="2", scoring="all_or_nothing"):
    choices = [{"id": c, "text": c, "correct": True} for c in correct]
    choices += [{"id": c, "text": c, "correct": False} for c in others]
    return {"kind": kind, "points": points, "scoring": scoring, "choices": choices,
            "accepted": [], "text": "", "explanation": "", "rubric": ""}  # fmt: skip


CASES = [
    # (name, snapshot, response, expected)
    ("single right", choice_snapshot("single", ["a"], ["b", "c"], "1"), {"choices": ["a"]}, "1"),
    ("single wrong", choice_snapshot("single", ["a"], ["b", "c"], "1"), {"choices": ["b"]}, "0"),
    ("no answer", choice_snapshot("single", ["a"], ["b"], "1"), None, "0"),
    ("all-or-nothing exact", choice_snapshot("multiple", ["a", "b"], ["c"]),
     {"choices": ["a", "b"]}, "2"),
    ("all-or-nothing partial", choice_snapshot("multiple", ["a", "b"], ["c"]),
     {"choices": ["a"]}, "0"),
    ("all-or-nothing extra", choice_snapshot("multiple", ["a", "b"], ["c"]),
     {"choices": ["a", "b", "c"]}, "0"),
    ("partial 2 of 3", choice_snapshot("multiple", ["a", "b", "c"], ["d"], "3", "partial"),
     {"choices": ["a", "b"]}, "2.00"),
    ("partial with penalty", choice_snapshot("multiple", ["a", "b", "c"], ["d"], "3", "partial"),
     {"choices": ["a", "b", "d"]}, "1.00"),
    ("partial never negative", choice_snapshot("multiple", ["a", "b"], ["c", "d"], "2", "partial"),
     {"choices": ["c", "d"]}, "0.00"),
    ("partial thirds round", choice_snapshot("multiple", ["a", "b", "c"], [], "1", "partial"),
     {"choices": ["a"]}, "0.33"),
    ("true/false", choice_snapshot("true_false", ["false"], ["true"], "1"),
     {"choices": ["false"]}, "1"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "snapshot", "response", "expected"), CASES,
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_choice_scoring(name, snapshot, response, expected):
    assert auto_score(snapshot, response) == Decimal(expected)


SHORT = {"kind": "short_answer", "points": "1", "accepted": ["Oslo", "New  York"], "choices": []}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Oslo", "1"), ("  oSLO ", "1"), ("new york", "1"), ("New\tYork", "1"), ("Bergen", "0"),
     ("", "0")],
)  # fmt: skip
def test_short_answers_ignore_case_and_spacing(text, expected):
    assert auto_score(SHORT, {"text": text}) == Decimal(expected)


def test_an_essay_is_left_for_a_person():
    assert auto_score({"kind": "essay", "points": "4", "choices": []}, {"text": "x"}) is None


def test_normalise():
    assert normalise("  Two   Words\n") == "two words"
