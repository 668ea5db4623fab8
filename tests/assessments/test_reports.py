"""Lead reports: item analysis against a hand-computed example, CSV, regrade, budgets."""

from decimal import Decimal

import pytest

from assessments import reports, services
from assessments.models import Answer, Attempt
from cms.models import AuditEvent
from learners.models import Cohort, Enrolment, Organisation
from tests.factories import UserFactory, make_lead
from tests.lang_checks import assert_content_in, assert_interface_not_in
from tests.spreadsheet_checks import assert_csv_safe

from .conftest import choice_index, url


@pytest.fixture
def leading(lead, avholdt):
    organisation = Organisation.objects.create(name="Klinikk", slug="klinikk")
    make_lead(lead, avholdt)
    return Cohort.objects.create(
        organisation=organisation, programme=avholdt, name="Vår", lead=lead
    )


def sit(exam, name, *, sky=None, capital=None, tf=None, primes=None) -> Attempt:
    learner = UserFactory(username=name)
    Enrolment.objects.create(learner=learner, programme=exam.programme)
    attempt = services.start_attempt(exam=exam, learner=learner)
    answers = {a.position: a for a in attempt.answers.all()}
    given = {
        1: {"choice": [choice_index(answers[1], sky)]} if sky else None,
        2: {"choice": [choice_index(answers[2], p) for p in primes]} if primes else None,
        3: {"text": capital} if capital is not None else None,
        4: {"choice": [choice_index(answers[4], "") if tf else "1"]} if tf is not None else None,
    }
    for position, data in given.items():
        if data is not None:
            services.save_answer(
                attempt=attempt, question_id=answers[position].question_id, data=data
            )
    return services.submit_attempt(attempt=attempt)


@pytest.fixture
def ten_attempts(exam):
    """Q1 (sky: Blue is right, 1 point) and Q3 (capital: Oslo, 1 point); max 5 points.

    L0–L2 both right (40 %); L3–L4 Q1 only; L5–L6 Q3 only; L9 Q3 only (20 %);
    L7 wrong on both, L8 wrong on Q1 and silent on Q3 (0 %).
    """
    specs = [
        ("l0", "Blue", "Oslo"), ("l1", "Blue", "Oslo"), ("l2", "Blue", "Oslo"),
        ("l3", "Blue", "Bergen"), ("l4", "Blue", "Bergen"),
        ("l5", "Green", "Oslo"), ("l6", "Green", "Oslo"),
        ("l7", "Red", "Bergen"), ("l8", "Green", None), ("l9", None, " oslo "),
    ]  # fmt: skip
    return [sit(exam, name, sky=sky, capital=capital) for name, sky, capital in specs]


def test_item_analysis_matches_the_hand_computed_example(exam, ten_attempts):
    # Ranked: l0 l1 l2 (40 %) | l3 l4 l5 l6 l9 (20 %) | l7 l8 (0 %).
    # 27 % of 10 rounds to 3: upper = l0 l1 l2, lower = l9 l7 l8.
    items = {item.position: item for item in reports.item_analysis(exam)}
    sky, primes, capital = items[1], items[2], items[3]

    assert sky.percent_correct == Decimal("50.0")  # l0–l4
    assert sky.discrimination == Decimal("1.00")  # 3/3 − 0/3
    assert {c.text: c.count for c in sky.choices} == {"Green": 3, "Blue": 5, "Red": 1}
    assert sky.unanswered == 1  # l9

    assert capital.percent_correct == Decimal("60.0")  # l0–l2, l5, l6, l9
    assert capital.discrimination == Decimal("0.67")  # 3/3 − 1/3
    assert capital.unanswered == 1  # l8

    assert primes.percent_correct == Decimal("0.0") and primes.discrimination == Decimal("0.00")
    assert primes.unanswered == 10


def test_score_distribution(exam, ten_attempts):
    bins = dict(reports.score_distribution(exam))
    assert bins["0–9"] == 2 and bins["20–29"] == 5 and bins["40–49"] == 3


def test_report_page_and_csv_for_the_lead(client, exam, ten_attempts, lead, leading,
                                          django_assert_max_num_queries):  # fmt: skip
    client.force_login(lead)
    client.get("/dashboard/")  # the site's settings and the lead's profile exist from here on
    # +1: header notification badge; +1: the second-factor device (django-otp); +1 already
    # over on 1c66f89; +3: the item analysis and score distribution are counted by the
    # database (five aggregate queries, then cached) and the attempts are paginated; +1:
    # the lead's essays-to-grade count in the navigation.
    # +3: the active language's page tree, and the exam's source (a translation's
    # attempts are its source's).
    with django_assert_max_num_queries(40):
        response = client.get(url(exam, "report"))
    html = response.content.decode()
    assert response.status_code == 200 and "Item analysis" in html and "0.67" in html

    learner = ten_attempts[0].learner
    type(learner).objects.filter(pk=learner.pk).update(last_name="Dahl;=1+1")
    with django_assert_max_num_queries(20):
        response = client.get(url(exam, "report_csv"))
    rows = assert_csv_safe(response.content.decode())
    assert rows[0][:3] == ["attempt", "username", "name"] and len(rows) == 11


def test_report_budget_does_not_grow_with_attempts(client, exam, lead, leading,
                                                   django_assert_num_queries):  # fmt: skip
    client.force_login(lead)
    sit(exam, "first", sky="Blue")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url(exam, "report"))  # warm the site and settings caches
    with CaptureQueriesContext(connection) as one:
        client.get(url(exam, "report"))
    for i in range(4):
        sit(exam, f"more{i}", sky="Red", capital="Oslo")
    with CaptureQueriesContext(connection) as five_cold:
        client.get(url(exam, "report"))  # new attempts: the item analysis is counted again
    with CaptureQueriesContext(connection) as five:
        client.get(url(exam, "report"))
    assert len(five) == len(one)
    assert len(five_cold) == len(five) + 5  # counted afresh once, then from the cache


def test_others_cannot_see_the_report(client, exam, supervisor, lead):
    client.force_login(supervisor)
    assert client.get(url(exam, "report")).status_code == 404
    client.force_login(lead)  # a lead, but of no cohort in this programme
    assert client.get(url(exam, "report_csv")).status_code == 404
    assert client.post(url(exam, "regrade")).status_code == 404


def test_regrade_after_a_key_correction(client, exam, questions, lead, leading, mailoutbox,
                                        django_capture_on_commit_callbacks):  # fmt: skip
    from assessments.signals import attempt_graded

    unchanged = sit(exam, "right", sky="Blue", capital="Oslo")  # 2/5 before, 1/5 after
    flips = sit(exam, "green", sky="Green", capital="Oslo", tf=True)  # 2/5 → 3/5 = 60 %
    assert flips.status == Attempt.Status.FAILED
    sky = questions[0]
    sky.choices = [
        {"type": "choice", "value": {"text": "Green", "correct": True}, "id": "c0"},
        {"type": "choice", "value": {"text": "Blue", "correct": False}, "id": "c1"},
        {"type": "choice", "value": {"text": "Red", "correct": False}, "id": "c2"},
    ]
    sky.save()
    sky.save_revision()
    received = []
    attempt_graded.connect(lambda sender, attempt, **kw: received.append(attempt.pk), weak=False,
                           dispatch_uid="test-regrade")  # fmt: skip
    client.force_login(lead)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url(exam, "regrade"))
    finally:
        attempt_graded.disconnect(dispatch_uid="test-regrade")

    assert response.status_code == 302
    flips.refresh_from_db()
    unchanged.refresh_from_db()
    assert flips.status == Attempt.Status.PASSED and flips.score == Decimal("3")
    assert unchanged.score == Decimal("1")
    assert sorted(received) == sorted([flips.pk, unchanged.pk])
    assert sorted(m.to[0] for m in mailoutbox) == ["green@praksis.example", "right@praksis.example"]
    event = AuditEvent.objects.get(action="exam.regraded")
    assert {change["attempt"] for change in event.data["changed"]} == {flips.pk, unchanged.pk}
    # The shown wording stays; only the key moved.
    answer = flips.answers.get(position=1)
    assert [c["text"] for c in answer.snapshot["choices"]] == ["Green", "Blue", "Red"]


def test_passed_exam_pairs_in_one_query(exam, ten_attempts, django_assert_num_queries):
    winner = sit(exam, "winner", sky="Blue", capital="Oslo", tf=True, primes=["2", "3", "5"])
    learner_ids = [a.learner_id for a in [*ten_attempts, winner]]
    with django_assert_num_queries(1):
        pairs = services.passed_exam_pairs(learner_ids=learner_ids, exam_ids=[exam.pk, 999])
    assert pairs == {(winner.learner_id, exam.pk)}


def test_exam_overview_budget(client, enrolled, exam, django_assert_max_num_queries):
    for _ in range(2):
        services.submit_attempt(attempt=services.start_attempt(exam=exam, learner=enrolled))
    client.force_login(enrolled)
    # +1: the exam's source (a translation's attempts are its source's).
    with django_assert_max_num_queries(31):
        response = client.get(url(exam))
    assert (
        response.status_code == 200
        and "You have used all your attempts" in response.content.decode()
    )


def test_item_analysis_is_counted_again_after_a_regrade(client, exam, questions, lead, leading):
    sit(exam, "blue", sky="Blue", capital="Oslo")
    sit(exam, "blue2", sky="Blue", capital="Oslo")
    before = {item.position: item for item in reports.item_analysis(exam)}
    assert before[1].percent_correct == Decimal("100.0")
    sky = questions[0]
    sky.choices = [
        {"type": "choice", "value": {"text": "Green", "correct": True}, "id": "c0"},
        {"type": "choice", "value": {"text": "Blue", "correct": False}, "id": "c1"},
        {"type": "choice", "value": {"text": "Red", "correct": False}, "id": "c2"},
    ]
    sky.save()
    sky.save_revision()
    assert reports.item_analysis(exam)[0].percent_correct == Decimal("100.0")  # the cache
    services.regrade_exam(exam=exam, actor=lead)
    after = {item.position: item for item in reports.item_analysis(exam)}
    assert after[1].percent_correct == Decimal("0.0")


def test_item_analysis_counts_what_the_python_count_would(exam, ten_attempts):
    """The database's count against a direct count over the same rows."""
    items = reports.item_analysis(exam)
    final = Attempt.objects.filter(exam=exam).final()
    for item in items:
        answers = list(Answer.objects.filter(attempt__in=final, question_id=item.question_id))
        assert item.answered == len(answers)
        assert item.correct == sum(a.score is not None and a.score >= a.points for a in answers)
        for choice in item.choices:
            picked = sum(
                any(
                    c["text"] == choice.text and c["id"] in a.selected
                    for c in a.snapshot["choices"]
                )
                for a in answers
            )
            assert choice.count == picked


def test_item_analysis_marks_the_programmes_words(client, lead, leading, exam, ten_attempts):
    """On an English page, the exam's title, questions and choices are read in the
    programme's language (nb), the table's headings in the interface's."""
    client.force_login(lead)
    html = client.get(url(exam, "report")).content.decode()
    first = ten_attempts[0].answers.get(position=1)
    choices = [choice["text"] for choice in first.snapshot["choices"]]
    assert_content_in(html, [exam.title, first.snapshot["text"][:40], *choices], "nb")
    assert_interface_not_in(html, ["Question", "Answered", "key", "No answer"], "nb")
