"""Hypothesis profiles and one small world for the fuzz tests.

``make test`` runs each property with the ``test`` profile (200 examples); ``make fuzz``
sets ``HYPOTHESIS_PROFILE=fuzz`` (2,000 examples each). The world is built once per test
with the roles from DESIGN.md: a learner enrolled in AvHoldt (journal, exam) and
rusrådgiver (hours) with a draft entry, a supervisor with a submitted entry and an essay
to grade, a lead with a cohort and a session, and an administrator."""

import datetime
import os
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings

from assessments import services
from courses.models import ModulePage, ProgrammePage
from learners.hours import rules as hours
from learners.journey import journal, progress
from learners.models import Cohort, Organisation, Session, Supervision
from tests.assessments.conftest import build_exam, choices, make_question
from tests.second_factor import pass_second_factor

COMMON = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    "derandomize": False,
    "database": None,  # no example database in the work tree
}
settings.register_profile("test", max_examples=200, **COMMON)
settings.register_profile("fuzz", max_examples=2000, **COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "test"))


@dataclass
class World:
    learner: object
    supervisor: object
    lead: object
    administrator: object
    avholdt: ProgrammePage
    rusradgiver: ProgrammePage
    module: ModulePage
    prompt_id: str
    entry: object
    draft: object
    submitted: object
    cohort: Cohort
    session: Session
    exam: object
    attempt: object
    essay: object
    clients: dict


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    pass_second_factor(client, user)
    return client


@pytest.fixture
def world(learner, supervisor, lead, administrator, avholdt, avholdt_modules) -> World:
    rusradgiver = ProgrammePage.objects.get(content_key="rusradgiver")
    progress.enrol(learner=learner, programme=avholdt, actor=learner)
    hours.load_demo_hours(supervisor=supervisor, learners=[learner])
    Supervision.objects.filter(supervisor=supervisor).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=365)
    )
    Supervision.objects.create(learner=learner, supervisor=supervisor, programme=avholdt)
    category = rusradgiver.practice_categories.first()
    values = {"date": timezone.localdate(), "hours": Decimal("1.5"), "setting": "Poliklinikken",
              "description": "Samtale"}  # fmt: skip
    draft = hours.create_entry(learner=learner, programme=rusradgiver, category=category, **values)
    [submitted] = hours.submit(
        [hours.create_entry(learner=learner, programme=rusradgiver, category=category, **values)],
        by=learner,
    )
    module = avholdt_modules[0]
    prompt_id = next(b.id for b in module.body if b.block_type == "reflection")
    entry = journal.save_entry(learner=learner, module=module, block_id=prompt_id, text="Tekst")
    journal.share(entry=entry, learner=learner, shared=True)
    organisation = Organisation.objects.create(name="Klinikk", slug="klinikk")
    cohort = Cohort.objects.create(
        organisation=organisation, programme=avholdt, name="Vår", lead=lead
    )
    cohort.members.add(learner)
    session = Session.objects.create(
        cohort=cohort, module=avholdt_modules[1], title="Økt",
        starts_at=timezone.now() + datetime.timedelta(days=2), duration_minutes=60,
        facilitator=lead,
    )  # fmt: skip
    questions = [
        make_question(
            "single", "Sky?", points=Decimal(1), choices=choices(("Green", False), ("Blue", True))
        ),  # fmt: skip
        make_question("short_answer", "Capital?", points=Decimal(1), accepted_answers="Oslo"),
        make_question("essay", "Plan?", points=Decimal(4), rubric="Two parts."),
    ]
    exam = build_exam(avholdt, questions, slug="fuzz-exam")
    graded = build_exam(avholdt, questions, slug="fuzz-graded")
    done = services.start_attempt(exam=graded, learner=learner)
    essay = done.answers.get(snapshot__kind="essay")
    services.save_answer(attempt=done, question_id=essay.question_id, data={"text": "Plan"})
    services.submit_attempt(attempt=done, actor=learner)
    attempt = services.start_attempt(exam=exam, learner=learner)
    return World(
        learner=learner, supervisor=supervisor, lead=lead, administrator=administrator,
        avholdt=avholdt, rusradgiver=rusradgiver, module=module, prompt_id=prompt_id,
        entry=entry, draft=draft, submitted=submitted, cohort=cohort, session=session,
        exam=exam, attempt=attempt, essay=essay,
        clients={
            "anonymous": Client(),
            "learner": client_for(learner),
            "supervisor": client_for(supervisor),
            "lead": client_for(lead),
            "administrator": client_for(administrator),
        },
    )  # fmt: skip
