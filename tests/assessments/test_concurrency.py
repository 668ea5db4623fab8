"""Two simultaneous submissions of one attempt produce one grading (PostgreSQL)."""

import threading
import time

import pytest
from django.db import connection, connections

from assessments import services
from assessments.models import Attempt
from assessments.services import attempts as attempt_rules
from cms.models import AuditEvent
from learners.models import Enrolment
from tests.factories import UserFactory

from .conftest import build_exam

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real row locks (PostgreSQL)"
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_submits_grade_once(avholdt, questions, monkeypatch):
    learner = UserFactory(username="samtidig")
    Enrolment.objects.create(learner=learner, programme=avholdt)
    exam = build_exam(avholdt, questions, slug="concurrent")
    attempt = services.start_attempt(exam=exam, learner=learner)

    # Grading is slowed down so the second submission really arrives while the first
    # holds the row lock; without the lock both would grade.
    original = attempt_rules._submit_locked

    def slow(*args, **kwargs):
        time.sleep(0.3)
        return original(*args, **kwargs)

    monkeypatch.setattr(attempt_rules, "_submit_locked", slow)
    barrier = threading.Barrier(2)
    errors = []

    def submit():
        try:
            barrier.wait()
            services.submit_attempt(attempt=Attempt.objects.get(pk=attempt.pk), actor=learner)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    events = AuditEvent.objects.filter(action="exam.attempt.submitted", target_id=str(attempt.pk))
    assert events.count() == 1
    assert Attempt.objects.get(pk=attempt.pk).status == Attempt.Status.FAILED
