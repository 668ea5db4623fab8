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


# Variants are what the exam file lists; everything else about the text is forgiven.
VARIANTS = {
    "kind": "short_answer",
    "points": "1",
    "accepted": ["2", "zwei", "2 Jahre", "zwei Jahre"],
    "choices": [],
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 Jahre", "1"), ("2 Jahre.", "1"), ("zwei Jahre!", "1"), ("  ZWEI   jahre ", "1"),
        ("„2 Jahre“", "1"), ("2\u00a0Jahre", "1"), ("２ Jahre", "1"), ("2.", "1"), ("(2)", "1"),
        ("2 Jahre …", "1"), ("drei Jahre", "0"), ("2 Monate", "0"), ("12", "0"), ("2,5", "0"),
        ("...", "0"),
    ],
)  # fmt: skip
def test_short_answers_forgive_case_spacing_and_punctuation_around_listed_variants(text, expected):
    assert auto_score(VARIANTS, {"text": text}) == Decimal(expected)


def test_punctuation_inside_an_answer_counts():
    snapshot = {"kind": "short_answer", "points": "1", "accepted": ["6 trin"], "choices": []}
    assert auto_score(snapshot, {"text": "6 trin."}) == Decimal(1)
    assert auto_score(snapshot, {"text": "6. trin"}) == Decimal(0)


def test_an_accepted_answer_written_with_a_full_stop_still_matches():
    snapshot = {"kind": "short_answer", "points": "1", "accepted": ["Oslo."], "choices": []}
    assert auto_score(snapshot, {"text": "oslo"}) == Decimal(1)
