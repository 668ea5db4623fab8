"""Nothing typed is lost: submitting stores what the form carries, then asks for
confirmation with the number of unanswered questions."""

from assessments.models import Attempt

from .conftest import choice_index, form, url


def start(client, exam) -> Attempt:
    client.post(url(exam, "start"))
    return Attempt.objects.get(exam=exam, status="open")


def test_an_essay_typed_and_submitted_at_once_is_stored(client, enrolled, essay_exam):
    client.force_login(enrolled)
    attempt = start(client, essay_exam)
    essay = attempt.answers.get(question__kind="essay")
    single = attempt.answers.get(position=1)
    data = {
        **form(attempt, essay.position, text="Two building blocks and one evaluation."),
        **form(attempt, 1, choice=choice_index(single, "Blue")),
    }
    data["questions"] = [essay.question_id, single.question_id]

    # No autosave ran: the submit button's POST is the only place the text travels.
    asked = client.post(url(essay_exam, "submit", attempt_id=attempt.pk), data)

    assert asked.status_code == 200 and "Submit the exam?" in asked.content.decode()
    essay.refresh_from_db()
    assert essay.response == {"text": "Two building blocks and one evaluation."}
    attempt.refresh_from_db()
    assert attempt.is_open  # not submitted before the learner confirms

    client.post(url(essay_exam, "submit", attempt_id=attempt.pk), {"confirmed": "yes"})

    attempt.refresh_from_db()
    essay.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED  # the essay waits for a grader
    assert essay.text == "Two building blocks and one evaluation."
    result = client.get(url(essay_exam, "attempt", attempt_id=attempt.pk)).content.decode()
    assert "Some answers are waiting to be graded" in result


def test_the_confirmation_names_the_unanswered_questions(client, enrolled, exam):
    client.force_login(enrolled)
    attempt = start(client, exam)
    page = client.post(
        url(exam, "submit", attempt_id=attempt.pk), form(attempt, 3, text="Oslo")
    ).content.decode()
    assert "You have answered 1 of 4 questions." in page
    assert "3 questions have no answer" in page
    for position in (1, 2, 4):
        assert f'href="{url(exam, "attempt", attempt_id=attempt.pk)}#q-{position}"' in page
    assert 'name="confirmed" value="yes"' in page


def test_clearing_an_answer_on_screen_clears_it_on_submit(client, enrolled, exam):
    client.force_login(enrolled)
    attempt = start(client, exam)
    client.post(url(exam, "answer", attempt_id=attempt.pk), form(attempt, 3, text="Oslo"))
    page = client.post(
        url(exam, "submit", attempt_id=attempt.pk), form(attempt, 3, text="  ")
    ).content.decode()
    assert "You have answered 0 of 4 questions." in page
    assert not attempt.answers.get(position=3).is_answered


def test_an_autosave_that_arrives_late_never_overwrites_a_newer_save(client, enrolled, exam):
    client.force_login(enrolled)
    attempt = start(client, exam)
    answer_url = url(exam, "answer", attempt_id=attempt.pk)
    client.post(answer_url, {**form(attempt, 3, text="Oslo"), "seq": "200"})
    client.post(answer_url, {**form(attempt, 3, text="Osl"), "seq": "100"})  # sent earlier
    assert attempt.answers.get(position=3).text == "Oslo"


def test_an_invalid_answer_on_submit_changes_nothing(client, enrolled, exam):
    client.force_login(enrolled)
    attempt = start(client, exam)
    data = {**form(attempt, 1, choice="9"), **form(attempt, 3, text="Oslo")}
    data["questions"] = [attempt.answers.get(position=p).question_id for p in (1, 3)]
    response = client.post(url(exam, "submit", attempt_id=attempt.pk), data, follow=True)
    assert "That answer does not fit the question." in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.answers.get(position=3).response is None


def test_the_exam_is_one_form_of_native_controls_in_fieldsets(client, enrolled, exam):
    client.force_login(enrolled)
    attempt = start(client, exam)
    page = client.get(url(exam, "attempt", attempt_id=attempt.pk)).content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    assert main.count("<form") == 1
    assert page.count("<fieldset") == 4 and page.count("<legend>") == 4
    question_id = attempt.answers.get(position=1).question_id
    assert f'type="radio" id="q-1-c0" name="q{question_id}-choice"' in page
    assert 'type="checkbox" id="q-2-c0"' in page
    assert 'id="exam-save-status"' in page
    # One persistent live region on the page announces saves; nothing else is live.
    assert page.count("aria-live") == 1 and 'id="live-region"' in page
    assert 'role="status"' not in main
