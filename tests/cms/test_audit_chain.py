"""The audit log is a hash chain: every edit, deletion, reordering or forgery of a row is
found by ``verify_chain`` (and ``manage.py verify_audit``), which names the first broken
link. The tests tamper on purpose, past the application's guards."""

import datetime
import json
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, models, transaction

from cms import audit
from cms.audit import GENESIS, record, verify_chain
from cms.models import AuditChainHead, AuditEvent, AuditLogIsAppendOnly
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@contextmanager
def tampering():
    """Switch PostgreSQL's append-only trigger off for a deliberate edit (the test's
    transaction rolls the switch back with everything else)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE cms_auditevent DISABLE TRIGGER cms_auditevent_append_only")
    try:
        yield
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "ALTER TABLE cms_auditevent ENABLE TRIGGER cms_auditevent_append_only"
                )


def force_update(at: int, **values) -> None:
    """Change stored columns of the event at sequence ``at``, bypassing the model's guard."""
    with tampering():
        models.QuerySet.update(AuditEvent.objects.filter(sequence=at), **values)


def raw_sql(sql: str, params=()) -> None:
    with tampering(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def people():
    return UserFactory(username="kari"), UserFactory(username="ola")


@pytest.fixture
def chain(people):
    """Six events by two people about each other; returns them by sequence number."""
    kari, ola = people
    events = {}
    for number in range(1, 7):
        actor, target = (kari, ola) if number % 2 else (ola, kari)
        event = record(actor=actor, action=f"test.step{number}", target=target, step=number)
        events[event.sequence] = event
    assert list(events) == [1, 2, 3, 4, 5, 6]
    return events


def broken_link(**kwargs):
    report = verify_chain(**kwargs)
    assert not report.ok, "the tampering went unnoticed"
    return report.broken


# --- a valid chain --------------------------------------------------------------------


def test_each_event_links_to_the_one_before(chain):
    assert chain[1].prev_hash == GENESIS
    for sequence in range(2, 7):
        assert chain[sequence].prev_hash == chain[sequence - 1].hash
    head = AuditChainHead.objects.get()
    assert (head.sequence, head.hash) == (6, chain[6].hash)
    report = verify_chain()
    assert report.ok and report.count == 6


def test_a_chain_of_1000_events_verifies_in_batches(people):
    kari, ola = people
    for number in range(1000):
        record(actor=kari, action="test.bulk", target=ola, n=number, share=number / 7)
    report = verify_chain(batch_size=97)
    assert report.ok, report.broken
    assert report.count == 1000 and report.head_sequence == 1000


def test_data_comes_back_from_the_database_as_it_was_hashed(people):
    kari, _ = people
    event = record(
        actor=kari,
        action="test.types",
        target=kari,
        ratio=0.1,
        big=1e16,
        when=datetime.date(2026, 3, 1),
        nested={"b": [1.5, None, True], 2: "nul\x00byte"},
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.data == {
        "ratio": "0.1",
        "big": "1e+16",
        "when": "2026-03-01",
        "nested": {"b": ["1.5", None, True], "2": "nul\ufffdbyte"},
    }
    assert verify_chain().ok


def test_an_event_rolled_back_with_its_change_leaves_no_gap(people):
    kari, ola = people
    record(actor=kari, action="test.kept", target=ola)
    with pytest.raises(RuntimeError), transaction.atomic():
        record(actor=kari, action="test.rolled_back", target=ola)
        raise RuntimeError("the change failed")
    event = record(actor=kari, action="test.next", target=ola)
    assert event.sequence == 2
    assert verify_chain().ok


def test_an_anonymous_actor_is_recorded_as_nobody(people):
    event = record(actor=AnonymousUser(), action="test.anonymous")
    assert event.actor_id is None and event.actor_username == ""
    assert verify_chain().ok


def test_deleting_the_actor_changes_no_event(chain, people):
    kari, _ = people
    kari_id = kari.pk
    kari.delete()
    assert AuditEvent.objects.filter(actor_id=kari_id).count() == 3
    assert verify_chain().ok


# --- tampering is found and the right link named ----------------------------------------


def test_edited_data_is_found(chain):
    force_update(3, data={"step": 99})
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (3, chain[3].pk, "content_changed")


def test_an_edited_actor_is_found(chain, people):
    force_update(4, actor_id=people[0].pk)
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (4, chain[4].pk, "content_changed")


def test_an_edited_action_is_found_with_raw_sql(chain):
    raw_sql("UPDATE cms_auditevent SET action = %s WHERE sequence = %s", ["test.harmless", 2])
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (2, chain[2].pk, "content_changed")


def test_an_edited_time_is_found(chain):
    force_update(5, created_at=chain[5].created_at - datetime.timedelta(microseconds=1))
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (5, chain[5].pk, "content_changed")


def test_an_edited_object_description_is_found(chain):
    force_update(1, target_repr="someone else")
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (1, chain[1].pk, "content_changed")


def test_an_edited_username_is_found(chain):
    force_update(6, actor_username="nobody")
    assert broken_link().sequence == 6


def test_an_edited_hash_is_a_hash_mismatch(chain):
    force_update(3, hash="f" * 64)
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (3, chain[3].pk, "hash_mismatch")


def test_an_edited_link_to_the_previous_event_is_a_hash_mismatch(chain):
    force_update(4, prev_hash="e" * 64)
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (4, chain[4].pk, "hash_mismatch")


def test_a_deleted_event_is_missing(chain):
    raw_sql("DELETE FROM cms_auditevent WHERE sequence = %s", [3])
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (3, None, "missing")
    assert str(chain[4].pk) in broken.detail


def test_deleted_events_at_the_end_are_missing(chain):
    raw_sql("DELETE FROM cms_auditevent WHERE sequence >= %s", [5])
    broken = broken_link()
    assert (broken.sequence, broken.problem) == (5, "missing")


def test_swapped_sequence_numbers_are_out_of_order(chain):
    with tampering():
        events = AuditEvent.objects
        models.QuerySet.update(events.filter(pk=chain[3].pk), sequence=1000)
        models.QuerySet.update(events.filter(pk=chain[4].pk), sequence=3)
        models.QuerySet.update(events.filter(pk=chain[3].pk), sequence=4)
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (3, chain[4].pk, "out_of_order")


def test_swapped_hashes_are_found(chain):
    with tampering():
        events = AuditEvent.objects
        models.QuerySet.update(events.filter(pk=chain[2].pk), hash="x")
        models.QuerySet.update(events.filter(pk=chain[3].pk), hash=chain[2].hash)
        models.QuerySet.update(events.filter(pk=chain[2].pk), hash=chain[3].hash)
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (2, chain[2].pk, "hash_mismatch")


def test_a_sequence_number_moved_to_the_end_is_out_of_order(chain):
    force_update(3, sequence=7)
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (3, chain[3].pk, "out_of_order")


def _forge(sequence: int, prev_hash: str, **overrides) -> AuditEvent:
    """A row that follows every rule of the chain except being written by record()."""
    salt = "0" * 32
    values = {
        "sequence": sequence,
        "actor_id": None,
        "actor_username": "",
        "action": "test.forged",
        "target_type_id": None,
        "target_id": "",
        "target_repr": "",
        "data": {"forged": True},
        "created_at": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        "salt": salt,
        "personal_digest": audit.personal_digest(salt=salt, actor_username="", target_repr=""),
        "prev_hash": prev_hash,
    }
    values["hash"] = audit.event_hash(
        prev_hash=prev_hash,
        sequence=sequence,
        actor_id=None,
        action=values["action"],
        target_type_id=None,
        target_id="",
        personal=values["personal_digest"],
        data=values["data"],
        created_at=values["created_at"],
    )
    values.update(overrides)
    forged = AuditEvent(**values)
    models.Model.save_base(forged, force_insert=True)  # past the model's guard
    return forged


def test_a_forged_event_appended_after_the_head_is_found(chain):
    forged = _forge(7, chain[6].hash)
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (7, forged.pk, "forged")


def test_a_forged_event_with_a_made_up_hash_is_found(chain):
    forged = _forge(7, chain[6].hash, hash="a" * 64)
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (7, forged.pk, "forged")


def test_an_event_replaced_by_a_consistent_forgery_is_found(chain):
    raw_sql("DELETE FROM cms_auditevent WHERE sequence = %s", [4])
    forged = _forge(4, chain[3].hash)
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (4, forged.pk, "forged")


def test_a_changed_chain_head_is_found(chain):
    AuditChainHead.objects.filter(pk=1).update(hash="b" * 64)
    broken = broken_link()
    assert (broken.sequence, broken.event_id, broken.problem) == (6, chain[6].pk, "head_mismatch")


def test_the_first_of_several_broken_links_is_named(chain):
    force_update(5, data={"step": 0})
    force_update(2, action="test.other")
    assert broken_link().sequence == 2


# --- the command ------------------------------------------------------------------------


def test_verify_audit_prints_ok_with_the_count(chain, capsys):
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert out.startswith("OK: 6 audit events verified") and chain[6].hash in out


def test_verify_audit_names_the_first_broken_link_and_fails(chain):
    force_update(3, data={"step": 33})
    with pytest.raises(CommandError) as error:
        call_command("verify_audit", batch_size=2)
    assert error.value.returncode == 1
    message = str(error.value)
    assert "sequence 3" in message and f"event id {chain[3].pk}" in message
    assert "content changed" in message


def test_the_last_report_is_kept_for_the_audit_page(chain):
    report = verify_chain()
    assert audit.last_report() == report


# --- append-only ------------------------------------------------------------------------


def test_the_model_refuses_to_change_or_delete_an_event(chain):
    event = AuditEvent.objects.get(sequence=2)
    event.action = "test.changed"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(sequence=2).update(action="test.changed")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly), transaction.atomic():
        AuditEvent.objects.bulk_update([event], ["action"])
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.create(sequence=99, action="test.direct")
    assert verify_chain().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete_even_in_raw_sql(chain):
    for sql in (
        "UPDATE cms_auditevent SET action = 'test.changed' WHERE sequence = 2",
        "DELETE FROM cms_auditevent WHERE sequence = 2",
        "UPDATE cms_auditevent SET target_repr = '', actor_username = '', salt = '', "
        "redacted_at = now(), data = '{}' WHERE sequence = 2",  # a redaction that does more
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert verify_chain().ok


# --- erasing personal data --------------------------------------------------------------


def test_redacting_personal_fields_keeps_the_chain_verifiable(chain, people):
    kari, _ = people
    assert AuditEvent.objects.filter(actor=kari).redact() == 3
    redacted = AuditEvent.objects.get(sequence=1)
    assert (redacted.actor_username, redacted.target_repr, redacted.salt) == ("", "", "")
    assert redacted.redacted_at is not None and redacted.actor_id == kari.pk
    assert AuditEvent.objects.filter(actor=kari).redact() == 0  # once only
    report = verify_chain()
    assert report.ok and report.count == 6


def test_the_personal_digest_cannot_be_matched_without_the_salt(chain):
    event = AuditEvent.objects.get(sequence=1)
    unsalted = audit.personal_digest(
        salt="", actor_username=event.actor_username, target_repr=event.target_repr
    )
    assert event.personal_digest != unsalted
    assert json.loads(audit.canonical_json({"b": 1, "a": [1.5, "ø"]})) == {"a": [1.5, "ø"], "b": 1}
    assert audit.canonical_json({"b": 1, "a": "ø"}) == '{"a":"\\u00f8","b":1}'
