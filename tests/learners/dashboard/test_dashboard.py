"""The dashboard: programmes with accessible progress, where to continue, recent entries."""

from django.urls import reverse
from wagtail.models import Locale

from courses.models import ModulePage, ProgrammePage
from learners.journey import journal, progress
from tests.factories import UserFactory


def test_it_shows_progress_and_the_first_unfinished_module(
    client, learner, avholdt, avholdt_modules
):
    english = Locale.objects.get(language_code="en")
    progress.enrol(learner=learner, programme=avholdt, actor=learner)
    progress.mark_done(learner=learner, module=avholdt_modules[0])
    client.force_login(learner)
    html = client.get(reverse("learners:dashboard")).content.decode()
    # Step 5 is for resource persons, which the learner is not: 6 modules to complete.
    assert '<progress id="progress-' in html and 'max="6" value="1"' in html
    assert "1 of 6 modules completed" in html
    # The reader's language is English, which AvHoldt is translated into.
    assert f'href="{avholdt_modules[1].get_translation(english).url}"' in html


def test_it_needs_a_login(client, db):
    response = client.get(reverse("learners:dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_shows_only_the_learners_own_programmes(client, learner, avholdt):
    other = UserFactory()
    progress.enrol(learner=other, programme=avholdt, actor=other)
    client.force_login(learner)
    html = client.get(reverse("learners:dashboard")).content.decode()
    assert "not enrolled in any programme" in html


def test_it_has_no_streaks_or_leaderboards(client, learner, avholdt):
    progress.enrol(learner=learner, programme=avholdt, actor=learner)
    client.force_login(learner)
    html = client.get(reverse("learners:dashboard")).content.decode().lower()
    for word in ("streak", "leaderboard", "rank"):
        assert word not in html


def _fill(learner, programmes, entries):
    for programme in programmes:
        progress.enrol(learner=learner, programme=programme, actor=learner)
    prompts = [
        (module, block.id)
        for module in ModulePage.objects.all()
        for block in module.body
        if block.block_type == "reflection"
    ]
    for module, block_id in prompts[:entries]:
        journal.save_entry(learner=learner, module=module, block_id=block_id, text="tekst")


def test_it_runs_a_constant_number_of_queries(client, learner, django_assert_max_num_queries):
    programmes = list(ProgrammePage.objects.all())
    _fill(learner, programmes[:1], 1)
    client.force_login(learner)
    # +2: notification badge, next sessions; +6 on the first visit of a session: the
    # roles (groups), the last visit read, stored and created, and the session keeping it;
    # +2: the learner's teams, and their roles in a cohort (AvHoldt's step 5 is for one);
    # +1: the programmes' pages in the reader's language;
    # +1: whether they mentor someone (mentors are volunteers and hold no role to ask);
    # +1: modules waiting for their sign-off (a member may lead a cohort without a role).
    with django_assert_max_num_queries(31) as few:
        client.get(reverse("learners:dashboard"))
    _fill(learner, programmes, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("learners:dashboard"))
    assert response.content.decode().count("<progress") == 5
