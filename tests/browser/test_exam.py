"""Exams in a real browser: nothing typed is lost, and the keyboard alone is enough.

Both tests sign in as `learner2`, whom no other browser test uses for exams, because an
exam's attempts and cooldown are kept in the shared test site's database."""

import re

import pytest

from .checks import check_page
from .signin import log_in

pytestmark = pytest.mark.browser

USER = "learner2"
# The element that has focus, described well enough to tell where the person is.
FOCUS = """() => {
  const e = document.activeElement;
  const question = e && e.closest('.exam-question');
  return {tag: e ? e.tagName : null, id: e ? e.id : '', type: e ? (e.type || '') : '',
          question: question ? question.id : null, text: e ? e.textContent.trim() : ''};
}"""
SHAPES = """() => [...document.querySelectorAll('.exam-question')].map(q => {
  const choices = q.querySelectorAll('input[type=radio], input[type=checkbox]');
  return {id: q.id, type: choices.length ? choices[0].type : 'text', count: choices.length};
})"""
STORED = """() => Object.fromEntries([...document.querySelectorAll('.exam-question')].map(q => {
  const choices = [...q.querySelectorAll('input[type=radio], input[type=checkbox]')];
  const text = q.querySelector('textarea, input[type=text]');
  return [q.id, choices.length ? choices.map(c => c.checked) : text.value];
}))"""


def tab_until(page, predicate, *, limit: int = 80, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element satisfies ``predicate``."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focus = page.evaluate(FOCUS)
        if predicate(focus):
            return focus
    pytest.fail(f"Tab never reached the element wanted; focus is on {focus}")


START = ("Start the exam", "Start a new attempt", "Continue your attempt")

# The demo gives Jonas a passed counsellor exam (he is the eligible counsellor); these
# tests sit it afresh.
CLEAR_DEMO_RESULT = """
from django.contrib.auth import get_user_model
from assessments.models import Attempt
Attempt.objects.filter(learner=get_user_model().objects.get(username="learner2")).delete()
"""


def open_exam(page, live_site, programme: str, exam: str) -> None:
    """The exam page, reached from its programme (enrolling first where needed)."""
    page.goto(f"{live_site}/programmer/{programme}/")
    enrol = page.get_by_role("button", name="Enrol")
    if enrol.count():
        enrol.click()
        page.wait_for_load_state()
    page.get_by_role("link", name=exam, exact=True).first.click()
    page.wait_for_load_state()


def start(page) -> None:
    """Start the attempt, or continue the open one."""
    page.get_by_role("button", name="Start the exam").or_(
        page.get_by_role("link", name="Continue your attempt")
    ).first.click()
    page.wait_for_load_state()


def test_an_essay_typed_and_submitted_at_once_is_stored(page, live_site):
    live_site.python(CLEAR_DEMO_RESULT)
    log_in(page, live_site, username=USER)
    open_exam(page, live_site, "rusradgiver", "Skriftlig prøve for rus- og alkoholrådgivere")
    start(page)
    # One question per page: find the essay through the question list.
    links = page.get_by_role("navigation", name="Questions").get_by_role("link")
    for index in range(links.count()):
        links.nth(index).click()
        page.wait_for_load_state()
        if page.locator("textarea").count():
            break
    else:
        pytest.fail("the exam has no essay question")
    essay_url = page.url
    essay = "Jeg svarer kort og vender samtalen tilbake til klienten."
    page.get_by_label("Your answer").fill(essay)
    # Straight to submitting: no pause for the autosave.
    page.get_by_role("button", name="Submit the exam").click()
    page.get_by_role("heading", name="Submit the exam?").wait_for()
    assert "Your answers are saved." in page.content()
    check_page(page, "exam-confirm")
    page.goto(essay_url)
    assert page.get_by_label("Your answer").input_value() == essay
    page.get_by_role("button", name="Submit the exam").click()
    page.get_by_role("button", name="Submit the exam").click()  # the confirmation
    page.get_by_text("Some answers are waiting to be graded").wait_for()


def test_a_keyboard_only_exam_run_stores_the_answers_given(page, live_site):
    log_in(page, live_site, username=USER)
    open_exam(page, live_site, "avholdt", "Avsluttende prøve i AvHoldt")
    tab_until(page, lambda f: f["text"] in START)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=re.compile(r"^Attempt \d+$")).wait_for()
    shapes = page.evaluate(SHAPES)
    assert shapes, "the attempt shows no questions"
    expected = {}
    focus = tab_until(page, lambda f: f["question"] == shapes[0]["id"])
    for number, shape in enumerate(shapes):
        assert focus["question"] == shape["id"], (number, focus)
        if shape["type"] == "radio":
            page.keyboard.press("Space")  # the first choice
            page.keyboard.press("ArrowDown")  # arrows move the choice to the second
            expected[shape["id"]] = [i == 1 for i in range(shape["count"])]
        elif shape["type"] == "checkbox":
            page.keyboard.press("Space")
            page.keyboard.press("Tab")
            page.keyboard.press("Space")
            expected[shape["id"]] = [i < 2 for i in range(shape["count"])]
        else:
            page.keyboard.type(f"svar {number + 1}")
            expected[shape["id"]] = f"svar {number + 1}"
        if number + 1 < len(shapes):
            following = shapes[number + 1]["id"]
            focus = tab_until(page, lambda f, q=following: f["question"] == q, limit=20)
    total = len(shapes)
    status = page.locator("#exam-save-status")
    status.get_by_text(f"{total} of {total} questions answered").wait_for(timeout=10_000)
    assert "Answers saved at" in status.inner_text()
    # The save swapped nothing the learner works in: focus is still in the last question.
    assert page.evaluate(FOCUS)["question"] == shapes[-1]["id"]
    check_page(page, "exam-autosaved")

    page.reload()
    assert page.evaluate(STORED) == expected

    tab_until(page, lambda f: f["text"] == "Submit the exam" and f["tag"] == "BUTTON", limit=150)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Submit the exam?").wait_for()
    assert f"You have answered {total} of {total} questions." in page.content()
    tab_until(page, lambda f: f["text"] == "Submit the exam" and f["tag"] == "BUTTON")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=re.compile(r"Attempt \d+: (Passed|Failed)")).wait_for()
