"""On PostgreSQL: 20 supervisors' requests deciding one entry at the same moment end in
exactly one decision and one audit event."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from cms.models import AuditEvent
from learners.hours import rules as hours
from learners.models import HoursEntry

from .conftest import log_hours

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real concurrent transactions (PostgreSQL)"
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_decisions_make_exactly_one(learner, supervisor, counselling):
    entry = log_hours(learner, counselling, status="submitted")
    barrier = threading.Barrier(20)
    outcomes, errors = [], []

    def decide(n: int) -> None:
        try:
            barrier.wait()
            if n % 2:
                hours.approve(entry, supervisor=supervisor)
            else:
                hours.return_entry(entry, supervisor=supervisor, comment=f"Retur {n}")
            outcomes.append(n)
        except ValidationError:
            pass  # "already decided": the expected answer for 19 of them
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=decide, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(outcomes) == 1
    entry = HoursEntry.objects.get(pk=entry.pk)
    assert entry.status in ("approved", "returned")
    decisions = AuditEvent.objects.filter(
        target_id=str(entry.pk), action__in=["hours.approved", "hours.returned"]
    )
    assert decisions.count() == 1
    assert decisions.get().action == f"hours.{entry.status}"
