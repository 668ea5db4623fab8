"""Exam files in content/ (``content/<programme>/exam-<slug>.yaml``): reading and checking
them, and writing the canonical form back (``render_exam(read_exam(path).data)`` gives
the file again). One file holds an exam's settings, its fixed questions and its question
pool (questions loaded into the bank for the random rules to draw, not fixed on the
exam). The format is documented in content/README.md."""

import datetime
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.utils import timezone

from courses.content.format import KEY_PATTERN, ContentError, ProgrammeSource, plain

from ..models import ExamPage, Question, uncovered_modules

EXAM_FILENAME = re.compile(r"^exam-([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$")
CHOICE_ID_NAMESPACE = uuid.UUID("0c6a3f55-1f5e-4d8e-9d8e-5b1b8f0e7a21")
FEEDBACK = [choice.value for choice in ExamPage.Feedback]
LAYOUTS = [choice.value for choice in ExamPage.Layout]
KINDS = [choice.value for choice in Question.Kind]
SCORINGS = [choice.value for choice in Question.Scoring]
REQUIRED = ("key", "title", "pass_mark", "time_limit_minutes", "attempts_allowed",
            "cooldown_minutes", "shuffle_questions", "shuffle_choices", "feedback", "layout",
            "questions")  # fmt: skip
OPTIONAL = ("module", "covers", "intro", "opens_at", "closes_at", "random", "pool")
ORDER = ("key", "title", "module", "covers", "intro", "pass_mark", "time_limit_minutes",
         "attempts_allowed", "cooldown_minutes", "opens_at", "closes_at", "shuffle_questions",
         "shuffle_choices", "feedback", "layout", "random", "questions", "pool")  # fmt: skip
QUESTION_ORDER = ("key", "type", "points", "tags", "text", "choices", "scoring", "answer",
                  "accepted", "rubric", "explanation")  # fmt: skip
QUESTION_FIELDS = {
    "single": {"choices"},
    "multiple": {"choices", "scoring"},
    "true_false": {"answer"},
    "short_answer": {"accepted"},
    "essay": {"rubric"},
}


@dataclass
class ExamSource:
    path: Path
    data: dict[str, Any]

    @property
    def key(self) -> str:
        return self.data["key"]

    @property
    def slug(self) -> str:
        return EXAM_FILENAME.match(self.path.name).group(1)


def exam_paths(folder: Path) -> list[Path]:
    return sorted(folder.glob("exam-*.yaml"))


def read_exams(folder: Path, programme: ProgrammeSource) -> list[ExamSource]:
    """Read and check every exam file of a programme folder."""
    module_keys = {module.key for module in programme.modules}
    exams, seen = [], {}
    for path in exam_paths(folder):
        exam = read_exam(path)
        module = exam.data.get("module")
        if module is not None and module not in module_keys:
            raise ContentError(path, _line(path, "module"), f"'{module}' is not a module here")
        _check_covers(exam, module_keys)
        for question in exam.data["questions"] + exam.data["pool"]:
            if question["key"] in seen:
                raise ContentError(
                    path, _line(path, question["key"]),
                    f"question key '{question['key']}' is used twice ({seen[question['key']]})",
                )  # fmt: skip
            seen[question["key"]] = path.name
        exams.append(exam)
    return exams


def _check_covers(exam: ExamSource, module_keys: set[str]) -> None:
    """``covers`` names modules of this programme, and every attempt must draw from each
    one's pool (a random rule with the module key as its tag) or have a fixed question
    tagged with it: a coverage claim the rules do not keep is refused."""
    path, data = exam.path, exam.data
    for key in data["covers"]:
        if key not in module_keys:
            raise ContentError(
                path, _line(path, f"- {key}"), f"covers '{key}', which is not a module here"
            )
    rules = [(rule["tag"], rule["count"]) for rule in data.get("random") or []]
    fixed = [set(question["tags"]) for question in data["questions"]]
    missing = uncovered_modules(data["covers"], rules, fixed)
    if missing:
        raise ContentError(
            path, _line(path, f"- {missing[0]}"),
            f"the exam says it covers '{missing[0]}', but no random rule draws that tag "
            f"and no fixed question carries it",
        )  # fmt: skip


def _line(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return number
    return 1


def read_exam(path: Path) -> ExamSource:
    if not EXAM_FILENAME.match(path.name):
        raise ContentError(path, 1, "an exam file is named exam-slug.yaml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        raise ContentError(path, mark.line + 1 if mark else 1, "not valid YAML") from None
    if not isinstance(data, dict):
        raise ContentError(path, 1, "an exam file is a set of 'key: value' lines")

    def fail(name: str, message: str):
        raise ContentError(path, _line(path, f"{name}:"), f"'{name}' {message}")

    for name in data:
        if name not in ORDER:
            fail(name, "is not a known exam setting")
    for name in REQUIRED:
        if name not in data:
            raise ContentError(path, 1, f"the exam is missing '{name}'")
    if not isinstance(data["key"], str) or not KEY_PATTERN.match(data["key"]):
        fail("key", "must be lowercase letters, digits and dashes")
    if not isinstance(data["title"], str) or not data["title"].strip():
        fail("title", "must be text")
    for name in ("pass_mark", "cooldown_minutes"):
        if not _whole(data[name]):
            fail(name, "must be a whole number")
    if data["pass_mark"] > 100:
        fail("pass_mark", "is a percentage, at most 100")
    for name in ("time_limit_minutes", "attempts_allowed"):
        if data[name] is not None and not (_whole(data[name]) and data[name] > 0):
            fail(name, "must be a whole number above 0, or null for no limit")
    for name in ("shuffle_questions", "shuffle_choices"):
        if not isinstance(data[name], bool):
            fail(name, "must be true or false")
    if data["feedback"] not in FEEDBACK:
        fail("feedback", f"must be one of {FEEDBACK}")
    if data["layout"] not in LAYOUTS:
        fail("layout", f"must be one of {LAYOUTS}")
    for name in ("opens_at", "closes_at"):
        if data.get(name) is not None:
            data[name] = _moment(data[name], lambda message, n=name: fail(n, message))
    covers = data.get("covers") or []
    if not isinstance(covers, list) or not all(
        isinstance(key, str) and KEY_PATTERN.match(key) for key in covers
    ):
        fail("covers", "must be a list of module keys")
    if len(set(covers)) != len(covers):
        fail("covers", "names a module twice")
    data["covers"] = covers
    rules = data.get("random") or []
    if not isinstance(rules, list) or not all(
        isinstance(rule, dict) and set(rule) == {"tag", "count"} and _whole(rule["count"])
        for rule in rules
    ):
        fail("random", "must be a list of {tag: …, count: …}")
    if not isinstance(data["questions"], list) or not (data["questions"] or rules):
        fail("questions", "must list one or more questions, or be [] when 'random' draws them")
    if not isinstance(data.get("pool") or [], list):
        fail("pool", "must be a list of questions")
    data["questions"] = [_check_question(path, question) for question in data["questions"]]
    data["pool"] = [_check_question(path, question) for question in data.get("pool") or []]
    _check_draws(path, rules, data["pool"])
    data["intro"] = (data.get("intro") or "").strip()
    return ExamSource(path=path, data=data)


def _check_draws(path: Path, rules: list[dict], pool: list[dict]) -> None:
    """Each random rule must find at least ``count`` questions with its tag in the file's
    pool (fixed questions are never drawn again), and each pool question must carry a tag
    some rule draws: otherwise the file promises questions an attempt cannot get."""
    for rule in rules:
        found = sum(rule["tag"] in question["tags"] for question in pool)
        if found < rule["count"]:
            raise ContentError(
                path, _line(path, f"tag: {rule['tag']}"),
                f"random rule '{rule['tag']}' draws {rule['count']}, but the pool has "
                f"only {found} question(s) with that tag",
            )  # fmt: skip
    drawn = {rule["tag"] for rule in rules}
    for question in pool:
        if not drawn & set(question["tags"]):
            raise ContentError(
                path, _line(path, f"key: {question['key']}"),
                f"pool question '{question['key']}' has no tag that a random rule draws",
            )  # fmt: skip


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _moment(value, fail) -> datetime.datetime:
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            fail("must be a date and time such as 2026-03-01T09:00:00+01:00")
    if not isinstance(value, datetime.datetime) or timezone.is_naive(value):
        fail("must be a date and time with its UTC offset")
    return value


def _check_question(path: Path, question) -> dict:
    if not isinstance(question, dict) or "key" not in question:
        raise ContentError(path, _line(path, "questions:"), "every question needs a 'key'")
    key = question["key"]
    line = _line(path, f"key: {key}")

    def fail(message: str):
        raise ContentError(path, line, f"question '{key}': {message}")

    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        fail("the key must be lowercase letters, digits and dashes")
    kind = question.get("type")
    if kind not in KINDS:
        fail(f"'type' must be one of {KINDS}")
    allowed = {"key", "type", "points", "tags", "text", "explanation"} | QUESTION_FIELDS[kind]
    for name in question:
        if name not in allowed:
            fail(f"'{name}' does not belong to a {kind} question")
    points = question.get("points")
    if not isinstance(points, int | float) or isinstance(points, bool) or points <= 0:
        fail("'points' must be a number above 0")
    if not isinstance(question.get("text"), str) or not question["text"].strip():
        fail("'text' is missing")
    tags = question.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) and tag for tag in tags):
        fail("'tags' must be a list of words")
    clean = {
        "key": key,
        "type": kind,
        "points": points,
        "tags": list(tags),
        "text": question["text"].strip(),
        "explanation": (question.get("explanation") or "").strip(),
    }
    if kind in ("single", "multiple"):
        choices = question.get("choices")
        if not isinstance(choices, list) or len(choices) < 2:
            fail("needs at least two choices")
        parsed = []
        for choice in choices:
            if not isinstance(choice, dict) or set(choice) - {"text", "correct"}:
                fail("a choice is {text: …} with 'correct: true' on the right ones")
            if not isinstance(choice.get("text"), str) or choice.get("correct", False) not in (
                True,
                False,
            ):
                fail("a choice needs text, and 'correct' is true or false")
            parsed.append({"text": choice["text"].strip(), "correct": choice.get("correct", False)})
        right = sum(choice["correct"] for choice in parsed)
        if kind == "single" and right != 1:
            fail("a single choice question has exactly one correct choice")
        if kind == "multiple" and not right:
            fail("mark at least one choice correct")
        clean["choices"] = parsed
    if kind == "multiple":
        clean["scoring"] = question.get("scoring", "all_or_nothing")
        if clean["scoring"] not in SCORINGS:
            fail(f"'scoring' must be one of {SCORINGS}")
    if kind == "true_false":
        if not isinstance(question.get("answer"), bool):
            fail("'answer' must be true or false")
        clean["answer"] = question["answer"]
    if kind == "short_answer":
        accepted = question.get("accepted")
        if (
            not isinstance(accepted, list)
            or not accepted
            or not all(isinstance(item, str | int) for item in accepted)
        ):
            fail("'accepted' must list one or more answers")
        clean["accepted"] = [str(item).strip() for item in accepted]
    if kind == "essay":
        if not isinstance(question.get("rubric"), str) or not question["rubric"].strip():
            fail("an essay needs a 'rubric'")
        clean["rubric"] = question["rubric"].strip()
    return clean


class _Dumper(yaml.SafeDumper):
    pass


def _represent_text(dumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value + "\n", style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_text)


def canonical(data: dict) -> dict:
    """The exam as it is written: fixed key order, optional keys only when set."""
    out: dict[str, Any] = {}
    for name in ORDER:
        value = data.get(name)
        if name in OPTIONAL and value in (None, "", []):
            continue
        if name in ("opens_at", "closes_at"):
            value = timezone.localtime(value).isoformat()
        elif name in ("questions", "pool"):
            value = [_canonical_question(question) for question in value]
        elif name == "covers":
            value = sorted(value)
        elif name == "random":
            value = [{"tag": rule["tag"], "count": rule["count"]} for rule in value]
        out[name] = plain(value)
    return out


def _canonical_question(question: dict) -> dict:
    out: dict[str, Any] = {}
    for name in QUESTION_ORDER:
        if name not in question or (name in ("tags", "explanation") and not question[name]):
            continue
        value = question[name]
        if name == "choices":
            value = [
                {"text": c["text"], **({"correct": True} if c["correct"] else {})} for c in value
            ]
        out[name] = plain(value)
    return out


def render_exam(data: dict) -> str:
    return yaml.dump(
        canonical(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000,
        default_flow_style=False,
    )  # fmt: skip


def exam_filename(slug: str) -> str:
    return f"exam-{slug}.yaml"
