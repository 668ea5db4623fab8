"""One programme in two languages is one programme: a learner who completes module 1 in
Norwegian and goes on in English keeps her enrolment, progress, journal entries and exam
(tests/courses/translated: "oversatt" in nb with its en translation)."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from assessments.models import Attempt, ExamPage
from assessments.routes import exam_url
from assessments.services import auto_score, submit_attempt
from cms.languages import set_person_language
from courses.content.loader import load_content
from courses.models import ProgrammePage
from learners.journey import journal, progress
from learners.journey.models import Enrolment, JournalEntry, ModuleProgress
from tests.courses.test_translations import FIXTURE


@pytest.fixture
def pages(db):
    assert load_content(FIXTURE).errors == []
    english = Locale.objects.get(language_code="en")
    nb_programme = ProgrammePage.objects.get(content_key="oversatt")
    nb_modules = list(nb_programme.modules())
    return {
        "nb": (nb_programme, nb_modules),
        "en": (
            nb_programme.get_translation(english),
            [m.get_translation(english) for m in nb_modules],
        ),
        "exam": ExamPage.objects.get(content_key="oversatt-prove"),
        "en_exam": ExamPage.objects.get(content_key="oversatt-prove").get_translation(english),
    }


def test_switching_language_mid_programme_keeps_the_progress(client, learner, pages):
    (nb_programme, nb_modules), (en_programme, en_modules) = pages["nb"], pages["en"]
    client.force_login(learner)
    client.post(reverse("learners:enrol", args=[en_programme.pk]))
    (enrolment,) = Enrolment.objects.filter(learner=learner)
    assert enrolment.programme_id == nb_programme.pk  # the source programme
    client.get(nb_modules[0].url)
    client.post(reverse("learners:mark-done", args=[nb_modules[0].pk]))

    # Module 2 in English: its prerequisite (module 1, done in Norwegian) is satisfied.
    html = client.get(en_modules[1].url).content.decode()
    assert "Rounding off" in html and "Write an agreement" in html
    context = progress.programme_context(user=learner, programme=en_programme, modules=en_modules)
    assert context["completed_ids"] == {en_modules[0].pk} and context["enrolled"]
    assert 'max="2" value="1"' in client.get(en_programme.url).content.decode()

    client.post(reverse("learners:mark-done", args=[en_modules[1].pk]))
    assert set(ModuleProgress.objects.filter(learner=learner, completed_at__isnull=False)
               .values_list("module_id", flat=True)) == {m.pk for m in nb_modules}  # fmt: skip
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert 'max="2" value="2"' in client.get(nb_programme.url).content.decode()


def test_a_journal_entry_written_in_english_is_there_in_norwegian(client, learner, pages):
    (_, nb_modules), (en_programme, en_modules) = pages["nb"], pages["en"]
    progress.enrol(learner=learner, programme=en_programme, actor=learner)
    block = next(b for b in en_modules[0].body if b.block_type == "reflection")
    journal.save_entry(learner=learner, module=en_modules[0], block_id=block.id, text="Et smil.")
    (entry,) = JournalEntry.objects.filter(learner=learner)
    assert entry.module_id == nb_modules[0].pk
    client.force_login(learner)
    assert "Et smil." in client.get(nb_modules[0].url).content.decode()


def test_an_exam_taken_in_english_counts_against_the_source_exam(client, learner, pages):
    (nb_programme, nb_modules), _en = pages["nb"], pages["en"]
    progress.enrol(learner=learner, programme=nb_programme, actor=learner)
    progress.mark_done(learner=learner, module=nb_modules[0])
    client.force_login(learner)
    response = client.post(exam_url(pages["en_exam"], "start"))
    (attempt,) = Attempt.objects.filter(learner=learner)
    assert attempt.exam_id == pages["exam"].pk and attempt.programme_id == nb_programme.pk
    assert response.url.startswith(pages["en_exam"].url)  # the learner stays in English
    answers = list(attempt.answers.order_by("position"))
    assert answers[0].snapshot["text"] == "What do you do before a first conversation?"
    assert [c["text"] for c in answers[0].snapshot["choices"]] == [
        "Read the information I have", "Nothing",
    ]  # fmt: skip
    # The option ids are the source question's: grading and item analysis are shared.
    assert [c["id"] for c in answers[0].snapshot["choices"]] == [
        c["id"] for c in answers[0].question.choice_list()
    ]
    correct = next(c["id"] for c in answers[0].snapshot["choices"] if c["correct"])
    assert auto_score(answers[1].snapshot, {"text": "Agreement"}) == 1
    for answer, response in (
        (answers[0], {"choices": [correct]}),
        (answers[1], {"text": "agreement"}),
    ):
        answer.response = response
        answer.save(update_fields=["response"])
    submit_attempt(attempt=attempt, actor=learner)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.PASSED
    # Norwegian and English attempts are counted together: the next one is number 2.
    client.post(exam_url(pages["exam"], "start"))
    assert list(Attempt.objects.filter(learner=learner).values_list("exam_id", "number")) == [
        (pages["exam"].pk, 1), (pages["exam"].pk, 2),
    ]  # fmt: skip


def test_the_dashboard_names_the_programme_in_the_readers_language(client, learner, pages):
    """A reader whose language is English sees the English title and next module on the
    dashboard, linked to the English pages; a Norwegian reader sees the Norwegian ones."""
    (nb_programme, nb_modules), (en_programme, en_modules) = pages["nb"], pages["en"]
    client.force_login(learner)
    client.post(reverse("learners:enrol", args=[nb_programme.pk]))
    client.get(nb_modules[0].url)
    client.post(reverse("learners:mark-done", args=[nb_modules[0].pk]))

    set_person_language(learner, "en")
    html = client.get(reverse("learners:dashboard")).content.decode()
    assert f'lang="en"><a href="{en_programme.url}">Conversation as a tool</a>' in html
    assert f'href="{en_modules[1].url}"' in html and "Closing" in html
    assert "Samtalen som verktøy" not in html

    set_person_language(learner, "nb")
    html = client.get(reverse("learners:dashboard")).content.decode()
    assert f'lang="nb"><a href="{nb_programme.url}">Samtalen som verktøy</a>' in html
    assert f'href="{nb_modules[1].url}"' in html and "Avslutning" in html
