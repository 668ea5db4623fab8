"""Existing audit events get sequence numbers and hashes in the order they were written
(created_at, then id); the chain head is set to the last of them."""

import secrets

from django.conf import settings
from django.db import migrations

from cms.audit import GENESIS, event_hash, personal_digest


def build_chain(apps, schema_editor):
    AuditEvent = apps.get_model("cms", "AuditEvent")
    AuditChainHead = apps.get_model("cms", "AuditChainHead")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    usernames = dict(User.objects.values_list("pk", getattr(User, "USERNAME_FIELD", "username")))
    prev_hash, sequence = GENESIS, 0
    for event in list(AuditEvent.objects.order_by("created_at", "pk")):
        sequence += 1
        event.sequence = sequence
        event.actor_username = usernames.get(event.actor_id, "")[:150]
        event.salt = secrets.token_hex(16)
        event.personal_digest = personal_digest(
            salt=event.salt, actor_username=event.actor_username, target_repr=event.target_repr
        )
        event.prev_hash = prev_hash
        event.hash = event_hash(
            prev_hash=prev_hash,
            sequence=sequence,
            actor_id=event.actor_id,
            action=event.action,
            target_type_id=event.target_type_id,
            target_id=event.target_id,
            personal=event.personal_digest,
            data=event.data,
            created_at=event.created_at,
        )
        # The historical model has a plain manager, so this update is allowed.
        AuditEvent.objects.filter(pk=event.pk).update(
            sequence=event.sequence,
            actor_username=event.actor_username,
            salt=event.salt,
            personal_digest=event.personal_digest,
            prev_hash=event.prev_hash,
            hash=event.hash,
        )
        prev_hash = event.hash
    AuditChainHead.objects.update_or_create(
        pk=1, defaults={"sequence": sequence, "hash": prev_hash}
    )


class Migration(migrations.Migration):
    dependencies = [("cms", "0005_audit_hash_chain")]

    operations = [migrations.RunPython(build_chain, migrations.RunPython.noop)]
