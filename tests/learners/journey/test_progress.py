"""Progress: completion rules, immediate programme completion, gating, content notes."""

from django.urls import reverse
from wagtail.models import Locale

from courses.models import ModulePage
from learners.journey import progress
from learners.models import Enrolment, ModuleProgress
from tests.factories.people import make_lead


def test_a_module_behind_an_unmet_prerequisite_shows_what_is_missing_not_the_material(
    client, learner, enrolled, avholdt_modules
):
    client.force_login(learner)
    second = avholdt_modules[1]
    html = client.get(second.url).content.decode()
    assert "builds on modules you have not completed" in html
    assert avholdt_modules[0].url in html
    assert 'class="prose"' not in html
    assert not ModuleProgress.objects.filter(learner=learner, module=second).exists()


def test_a_direct_post_does_not_bypass_the_prerequisites(
    client, learner, enrolled, avholdt_modules
):
    client.force_login(learner)
    second = avholdt_modules[1]
    response = client.post(reverse("learners:mark-done", args=[second.pk]))
    assert response.status_code == 404
    block = next(b for b in second.body if b.block_type == "reflection")
    response = client.post(
        reverse("learners:journal-save", args=[second.pk, block.id]), {"text": "x"}
    )
    assert response.status_code == 404


def test_a_learner_who_is_not_enrolled_is_offered_enrolment(client, learner, avholdt_modules):
    client.force_login(learner)
    html = client.get(avholdt_modules[0].url).content.decode()
    assert "Enrol in the programme to read it" in html
    assert 'class="prose"' not in html


def test_marking_done_completes_the_module_at_once_and_opens_the_next(
    client, learner, enrolled, avholdt_modules
):
    client.force_login(learner)
    first, second = avholdt_modules[0], avholdt_modules[1]
    client.get(first.url)
    response = client.post(reverse("learners:mark-done", args=[first.pk]), {"done": "1"})
    assert response.status_code == 302
    assert ModuleProgress.objects.get(learner=learner, module=first).completed_at is not None
    assert 'class="prose"' in client.get(second.url).content.decode()


def test_marking_done_with_htmx_returns_only_the_panel(client, learner, enrolled, avholdt_modules):
    client.force_login(learner)
    first = avholdt_modules[0]
    response = client.post(
        reverse("learners:mark-done", args=[first.pk]),
        {"done": "1"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<section id="done-panel"')
    assert "Mark as not done" in html and "<html" not in html


def test_the_programme_completes_the_moment_its_last_module_does(
    learner, enrolled, avholdt_modules
):
    for module in avholdt_modules[:-1]:
        progress.mark_done(learner=learner, module=module)
    enrolled.refresh_from_db()
    assert enrolled.status == Enrolment.Status.ACTIVE
    progress.mark_done(learner=learner, module=avholdt_modules[-1])
    enrolled.refresh_from_db()
    assert enrolled.status == Enrolment.Status.COMPLETED and enrolled.completed_at


def test_a_viewed_rule_completes_on_reading(client, learner, enrolled, avholdt_modules):
    first = avholdt_modules[0]
    first.completion_rule = ModulePage.CompletionRule.VIEWED
    first.save(update_fields=["completion_rule"])
    client.force_login(learner)
    client.get(first.url)
    assert ModuleProgress.objects.get(learner=learner, module=first).completed_at


def test_done_and_passed_are_separate_facts(learner, enrolled, avholdt_modules):
    first = avholdt_modules[0]
    first.completion_rule = ModulePage.CompletionRule.DONE_AND_PASSED
    first.save(update_fields=["completion_rule"])
    state = progress.mark_done(learner=learner, module=first)
    assert state.marked_done_at and state.completed_at is None
    state = progress.record_exam_result(learner=learner, module=first, passed=True)
    assert state.passed_at and state.completed_at
    state = progress.record_exam_result(learner=learner, module=first, passed=False)
    assert state.passed_at is None and state.completed_at is None


def test_a_content_note_comes_first_with_continue_and_not_now(
    client, learner, enrolled, avholdt_modules
):
    for module in avholdt_modules[:2]:
        progress.mark_done(learner=learner, module=module)
    third = avholdt_modules[2]
    client.force_login(learner)
    html = client.get(third.url).content.decode()
    assert "callout--content_note" in html and 'class="prose"' not in html
    assert "?continue=1" in html and "Not now" in html
    response = client.post(reverse("learners:not-now", args=[third.pk]))
    assert response["Location"] == reverse("learners:dashboard")
    dashboard = client.get(reverse("learners:dashboard")).content.decode()
    # "Continue" points at the saved place, in the reader's language (English here).
    english = third.get_translation(Locale.objects.get(language_code="en"))
    assert f'href="{english.url}"' in dashboard and english.title in dashboard
    html = client.get(third.url + "?continue=1").content.decode()
    assert 'class="prose"' in html
    assert 'class="prose"' in client.get(third.url).content.decode()  # asked once only


def test_an_author_reads_modules_without_gates(client, lead, avholdt, avholdt_modules):
    client.force_login(lead)
    # A lead of another programme (here: of none) is not its author: the gate stands.
    assert 'class="prose"' not in client.get(avholdt_modules[5].url).content.decode()
    make_lead(lead, avholdt)
    assert 'class="prose"' in client.get(avholdt_modules[5].url).content.decode()
