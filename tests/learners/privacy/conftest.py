"""Lene's record in every room (journal, hours signed by Siri, a certificate, a
notification, an exam attempt, a health declaration and external education that Siri
confirmed, each with an evidence file) and the same kinds of record for her colleague Kari, so
the privacy tests can show what goes into Lene's download and what erasure leaves."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from assessments.models import Answer, Attempt, ExamPage
from cms.models import Notification
from learners.certification import certificates
from learners.hours.demo import load_demo_hours
from learners.models import (
    Declaration,
    ExternalEducation,
    JournalComment,
    JournalEntry,
    Supervision,
)
from tests.factories import CompletedModuleFactory, UserFactory, certification_track
from tests.learners.hours.conftest import (
    categories,
    counselling,
    days_ago,
    log_hours,
    rusradgiver,
)

__all__ = ["categories", "counselling", "rusradgiver"]

LENE_SECRET = "Lene skriver om natten på avrusningen"
KARI_SECRET = "Kari sin hemmelige refleksjon"


@pytest.fixture
def kari(roles, avholdt):
    return UserFactory(username="kari", first_name="Kari", last_name="Nordmann")


def _journal(person, module, text):
    return JournalEntry.objects.create(
        learner=person, module=module, block_id="reflection-1", prompt_title="Refleksjon",
        kind=JournalEntry.Kind.REFLECTION, text=text,
    )  # fmt: skip


def _attempt(person, exam, programme):
    attempt = Attempt.objects.create(
        exam=exam, programme=programme, learner=person, number=1, pass_mark=70,
        status=Attempt.Status.PASSED,
    )  # fmt: skip
    question = exam.exam_questions.first() or exam.pool_questions.first()
    Answer.objects.create(
        attempt=attempt, question=question.question, position=1,
        snapshot=question.question.snapshot(), response={"text": f"{person} svarer"},
    )  # fmt: skip
    return attempt


def _declaration(person, programme, secret, supervisor):
    return Declaration.objects.create(
        learner=person, programme=programme, key="recovery", statement="In recovery since",
        detail=f"{secret} (erklæring)", health=True, confirmation="supervisor",
        evidence=ContentFile(f"{secret} (bevis)".encode(), name="bevis.pdf"),
        signed_at=timezone.now(), content_sha256="0" * 64, confirmed_by=supervisor,
        confirmed_at=timezone.now(),
    )  # fmt: skip


def _external_education(person, secret, supervisor):
    return ExternalEducation.objects.create(
        learner=person, provider=f"{secret} (kurssted)", title="Motiverende intervju",
        date=timezone.localdate(), hours=6, topics="etikk",
        evidence=ContentFile(f"{secret} (kursbevis)".encode(), name="kursbevis.pdf"),
        status=ExternalEducation.Status.APPROVED, decided_by=supervisor,
        decided_at=timezone.now(),
    )  # fmt: skip


@pytest.fixture
def records(learner, kari, supervisor, avholdt, avholdt_modules, counselling, administrator):
    """Lene and Kari each have a journal entry (Siri commented on Lene's), approved and
    draft hours, a certificate, a notification, an exam attempt, and a health declaration
    and external education Siri confirmed, with evidence files."""
    learner.first_name, learner.last_name, learner.email = "Lene", "Haugen", "lene@example.no"
    learner.save()
    certification_track(avholdt, rows=[("module", avholdt_modules[0].content_key, None, "")])
    exam = ExamPage.objects.descendant_of(avholdt).first()
    load_demo_hours(supervisor=supervisor, learners=[kari])
    Supervision.objects.update(starts_on=days_ago(365))
    made = {}
    for person, secret in ((learner, LENE_SECRET), (kari, KARI_SECRET)):
        entry = _journal(person, avholdt_modules[0], secret)
        approved = log_hours(person, counselling, status="approved", supervisor=supervisor,
                             description=f"{secret} (timer)")  # fmt: skip
        draft = log_hours(person, counselling, description=f"{secret} (utkast)")
        CompletedModuleFactory(learner=person, module=avholdt_modules[0])
        certificate = certificates.issue_certificate(
            learner=person, programme=avholdt, actor=administrator
        )
        Notification.objects.create(recipient=person, kind="test", title=f"Til {person}")
        attempt = _attempt(person, exam, avholdt)
        declaration = _declaration(person, avholdt, secret, supervisor)
        education = _external_education(person, secret, supervisor)
        made[person.username] = {
            "entry": entry, "approved": approved, "draft": draft,
            "certificate": certificate, "attempt": attempt, "declaration": declaration,
            "education": education,
        }  # fmt: skip
    JournalComment.objects.create(
        entry=made["lene"]["entry"], author=supervisor, text="Godt observert."
    )
    return made
