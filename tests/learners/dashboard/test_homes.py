"""A home for every role at /dashboard/: supervisors, programme leads, administrators and
organisation leaders see their work there, learners what changed since their last visit,
and the site navigation shows each role its work with counts. Each home runs a fixed
number of queries however much work is waiting."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow

from assessments.models import Answer, Attempt, ExamPage
from courses.models import ProgrammePage, TrackRequirement
from learners.certification.models import EligibilitySnapshot
from learners.dashboard.models import DashboardVisit
from learners.dashboard.work import visit_since
from learners.journey import journal, progress
from learners.models import Cohort, ModuleDeadline
from tests.factories import (
    AttemptFactory,
    CohortFactory,
    PracticeCategoryFactory,
    QuestionFactory,
    SupervisionFactory,
    UserFactory,
    certification_track,
)
from tests.learners.hours.conftest import log_hours

DASHBOARD = reverse("learners:dashboard")
Kind = TrackRequirement.Kind


def page(client, user) -> str:
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode()


# --- supervisors ---------------------------------------------------------------------


@pytest.fixture
def rusradgiver(db) -> ProgrammePage:
    return ProgrammePage.objects.get(content_key="rusradgiver")


@pytest.fixture
def essay_exam(rusradgiver) -> ExamPage:
    return ExamPage.objects.descendant_of(rusradgiver).first()


def waiting_essay(learner, exam) -> Answer:
    """A submitted attempt of ``learner`` whose essay waits for a grade."""
    question = QuestionFactory(kind="essay", text="Beskriv planen.", points=Decimal(4))
    attempt = AttemptFactory(
        exam=exam, programme=exam.get_parent().specific, learner=learner,
        status=Attempt.Status.SUBMITTED, submitted_at=timezone.now(),
        number=Attempt.objects.filter(learner=learner, exam=exam).count() + 1,
    )  # fmt: skip
    return Answer.objects.create(
        attempt=attempt, question=question, position=1,
        snapshot={"kind": "essay", "text": "Beskriv planen.", "points": "4"},
        response={"text": "Planen er …"},
    )  # fmt: skip


def supervise(supervisor, learners, programme):
    for person in learners:
        SupervisionFactory(supervisor=supervisor, learner=person, programme=programme)
        progress.enrol(learner=person, programme=programme, actor=person)


def shared_entry(learner, programme):
    module = programme.modules()[0]
    block = next(b for b in module.body if b.block_type == "reflection")
    entry = journal.save_entry(learner=learner, module=module, block_id=block.id, text="Tanker")
    return journal.share(entry=entry, learner=learner, shared=True)


def test_a_supervisor_sees_supervisees_hours_shared_entries_and_essays(
    client, supervisor, learner, rusradgiver, essay_exam
):
    supervise(supervisor, [learner], rusradgiver)
    log_hours(learner, PracticeCategoryFactory(programme=rusradgiver), status="submitted")
    shared_entry(learner, rusradgiver)
    waiting_essay(learner, essay_exam)
    html = page(client, supervisor)
    assert "Your supervisees" in html
    assert learner.get_full_name() in html
    assert "You are not enrolled" not in html
    assert reverse("learners:journal-shared") in html
    assert "Shared entries without your comment" in html
    assert f'<span lang="nb">{essay_exam.title}</span>: 1 essay' in html
    assert "grading/" in html
    assert "Hours waiting for your sign-off" in html
    # The navigation: sign-off, shared entries and essays, each with its count.
    assert 'Sign-off <span class="badge">1' in html
    assert 'Shared entries <span class="badge">1' in html
    assert 'Essays to grade <span class="badge">1' in html


def test_a_supervisor_with_nobody_assigned_is_told_so(client, supervisor):
    html = page(client, supervisor)
    assert "Nobody is assigned to you for supervision" in html
    assert "You are not enrolled" not in html


def test_a_supervisors_home_costs_the_same_for_one_or_many_supervisees(
    client, supervisor, rusradgiver, essay_exam, django_assert_max_num_queries
):
    first = UserFactory()
    supervise(supervisor, [first], rusradgiver)
    shared_entry(first, rusradgiver)
    waiting_essay(first, essay_exam)
    client.force_login(supervisor)
    client.get(DASHBOARD)  # the session's first visit reads the stored one
    with django_assert_max_num_queries(40) as few:
        client.get(DASHBOARD)
    more = [UserFactory() for _ in range(8)]
    supervise(supervisor, more, rusradgiver)
    for person in more:
        shared_entry(person, rusradgiver)
        waiting_essay(person, essay_exam)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(DASHBOARD).content.decode()
    assert f'<span lang="nb">{essay_exam.title}</span>: 9 essays' in html


# --- programme leads -----------------------------------------------------------------


def test_a_lead_sees_cohorts_with_progress_deadlines_and_reviews(
    client, cohort, lead, learner, avholdt_modules
):
    progress.mark_done(learner=learner, module=avholdt_modules[0])
    ModuleDeadline.objects.create(
        cohort=cohort,
        module=avholdt_modules[1],
        due_on=timezone.localdate() + datetime.timedelta(3),
    )
    ModuleDeadline.objects.create(
        cohort=cohort,
        module=avholdt_modules[2],
        due_on=timezone.localdate() + datetime.timedelta(60),
    )
    module = avholdt_modules[3]
    workflow = Workflow.objects.get(name="Programme review")
    workflow.start(module, UserFactory(first_name="Kari", last_name="Skribent"))
    html = page(client, lead)
    assert "Programmes you lead" in html
    assert reverse("learners:cohort-report", args=[cohort.pk]) in html
    # Lene has 1 of the 7 modules; her four colleagues none: 1 of 35 = 3 %.
    assert "3 % of modules completed" in html and 'max="100" value="3"' in html
    assert avholdt_modules[1].title in html and avholdt_modules[2].title not in html
    assert "Pages waiting for your review" in html
    assert f'<span lang="nb">{module.title}</span></a>' in html and "Kari Skribent" in html
    assert reverse("wagtailadmin_pages:edit", args=[module.pk]) in html


def test_a_leads_home_costs_the_same_for_one_or_many_cohorts(
    client, cohort, lead, avholdt, avholdt_modules, django_assert_max_num_queries
):
    client.force_login(lead)
    client.get(DASHBOARD)
    with django_assert_max_num_queries(40) as few:
        client.get(DASHBOARD)
    for n in range(6):
        extra = CohortFactory(programme=avholdt, lead=lead, members=[UserFactory()])
        ModuleDeadline.objects.create(
            cohort=extra, module=avholdt_modules[n], due_on=timezone.localdate()
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(DASHBOARD).content.decode()
    assert html.count('id="cohort-progress-') == 7


def test_another_programmes_lead_sees_none_of_these_cohorts(client, cohort, other_lead):
    html = page(client, other_lead)
    assert cohort.name not in html
    assert "Rådgivere" in html


# --- administrators ------------------------------------------------------------------


@pytest.fixture
def attestation_track(rusradgiver):
    return certification_track(
        rusradgiver, rows=[(Kind.ATTESTATION, "etikk", None, "Signed code of ethics")]
    )


def test_an_administrator_sees_certificates_waiting_and_attestations_to_confirm(
    client, administrator, learner, rusradgiver, attestation_track
):
    progress.enrol(learner=learner, programme=rusradgiver, actor=learner)
    other = UserFactory(first_name="Ida", last_name="Klar")
    EligibilitySnapshot.objects.create(
        learner=other, programme=rusradgiver, eligible=True, results=[]
    )
    html = page(client, administrator)
    assert "Certificates waiting for approval" in html
    assert "Ida Klar" in html
    confirm = (
        f"{reverse('learners:certificates-attest')}?learner={learner.pk}"
        f"&amp;programme={rusradgiver.pk}&amp;key=etikk"
    )
    assert confirm in html and "Signed code of ethics" in html
    assert 'Certificates <span class="badge">1' in html


def test_the_attestation_form_is_filled_in_from_the_dashboard_link(
    client, administrator, learner, rusradgiver, attestation_track
):
    client.force_login(administrator)
    response = client.get(
        reverse("learners:certificates-attest"),
        {"learner": learner.pk, "programme": rusradgiver.pk, "key": "etikk"},
    )
    form = response.context["form"]
    assert form["key"].value() == "etikk"
    assert str(form["learner"].value()) == str(learner.pk)


def test_an_administrators_home_costs_the_same_for_few_or_many_learners(
    client, administrator, rusradgiver, attestation_track, django_assert_max_num_queries
):
    def add_learners(count):
        for _ in range(count):
            person = UserFactory()
            progress.enrol(learner=person, programme=rusradgiver, actor=person)
            EligibilitySnapshot.objects.create(
                learner=person, programme=rusradgiver, eligible=True, results=[]
            )

    add_learners(1)
    client.force_login(administrator)
    client.get(DASHBOARD)
    with django_assert_max_num_queries(40) as few:
        client.get(DASHBOARD)
    add_learners(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(DASHBOARD)


# --- organisation leaders ------------------------------------------------------------


def test_an_organisation_leader_sees_their_organisations(
    client, leader, clinic, cohort, django_assert_max_num_queries
):
    client.force_login(leader)
    client.get(DASHBOARD)
    with django_assert_max_num_queries(30):
        html = client.get(DASHBOARD).content.decode()
    assert "Your organisations" in html
    assert reverse("learners:organisation", args=[clinic.pk]) in html
    assert "1 cohort" in html


# --- learners: what changed since the last visit -------------------------------------


def test_a_learner_sees_what_changed_since_the_last_visit(client, learner, supervisor, rusradgiver):
    supervise(supervisor, [learner], rusradgiver)
    entry = shared_entry(learner, rusradgiver)
    client.force_login(learner)
    assert "Since your last visit" not in client.get(DASHBOARD).content.decode()
    DashboardVisit.objects.filter(user=learner).update(
        seen_at=timezone.now() - datetime.timedelta(days=2)
    )
    journal.add_comment(entry=entry, author=supervisor, text="Godt reflektert.")
    client.logout()
    html = page(client, learner)
    assert "Since your last visit" in html
    assert "1 new comment on your journal" in html
    # Reloading in the same session keeps the news; the next session starts from now.
    assert "1 new comment" in client.get(DASHBOARD).content.decode()
    client.logout()
    assert "Since your last visit" not in page(client, learner)


def test_the_stored_visit_moves_at_most_once_a_minute_per_session(
    learner, django_assert_num_queries
):
    session, start = {}, timezone.now()
    assert visit_since(session, learner, now=start) is None
    with django_assert_num_queries(0):
        assert visit_since(session, learner, now=start + datetime.timedelta(seconds=59)) is None
    assert DashboardVisit.objects.get(user=learner).seen_at == start
    later = start + datetime.timedelta(minutes=1)
    visit_since(session, learner, now=later)
    assert DashboardVisit.objects.get(user=learner).seen_at == later
    assert visit_since({}, learner, now=later) == later  # a new session starts from it


def test_a_learners_navigation_costs_no_work_queries(client, learner, avholdt):
    progress.enrol(learner=learner, programme=avholdt, actor=learner)
    html = page(client, learner)
    assert "Essays to grade" not in html and "Shared entries" not in html
    assert Cohort.objects.count() == 0
