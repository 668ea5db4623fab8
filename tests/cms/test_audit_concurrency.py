"""Two transactions that write audit events at the same time never fork the chain
(PostgreSQL: the chain head is locked until each transaction commits)."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from cms.audit import record, verify_chain
from cms.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real row locks (PostgreSQL)"
)

WRITERS = 2
EVENTS_EACH = 25


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_writers_produce_one_valid_chain():
    writers = [UserFactory(username=f"writer{number}") for number in range(WRITERS)]
    barrier = threading.Barrier(WRITERS)
    errors = []

    def write(user):
        try:
            barrier.wait()
            for number in range(EVENTS_EACH):
                with transaction.atomic():
                    record(actor=user, action="test.concurrent", target=user, n=number)
                    # Hold the transaction open so the other writer really waits.
                    time.sleep(0.002)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(user,)) for user in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    sequences = list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, WRITERS * EVENTS_EACH + 1))
    actors = set(AuditEvent.objects.values_list("actor_username", flat=True))
    assert actors == {user.username for user in writers}
    report = verify_chain()
    assert report.ok, report.broken
    assert report.count == WRITERS * EVENTS_EACH
