"""Sequence numbers and hashes become unique, and on PostgreSQL a trigger refuses UPDATE
and DELETE on audit events, except the one change ``AuditEventQuerySet.redact()`` makes
(blanking the personal fields once)."""

from django.db import migrations, models

APPEND_ONLY_SQL = """
CREATE OR REPLACE FUNCTION cms_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
       AND NEW.actor_username = '' AND NEW.target_repr = '' AND NEW.salt = ''
       AND (NEW.id, NEW.sequence, NEW.actor_id, NEW.action, NEW.target_type_id,
            NEW.target_id, NEW.data, NEW.created_at, NEW.personal_digest, NEW.prev_hash,
            NEW.hash)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.sequence, OLD.actor_id, OLD.action, OLD.target_type_id,
            OLD.target_id, OLD.data, OLD.created_at, OLD.personal_digest, OLD.prev_hash,
            OLD.hash)
    THEN
        RETURN NEW;  -- erasing the personal fields, once
    END IF;
    RAISE EXCEPTION 'cms_auditevent is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS cms_auditevent_append_only ON cms_auditevent;
CREATE TRIGGER cms_auditevent_append_only
    BEFORE UPDATE OR DELETE ON cms_auditevent
    FOR EACH ROW EXECUTE FUNCTION cms_auditevent_append_only();
"""
DROP_APPEND_ONLY_SQL = """
DROP TRIGGER IF EXISTS cms_auditevent_append_only ON cms_auditevent;
DROP FUNCTION IF EXISTS cms_auditevent_append_only();
"""


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY_SQL, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_APPEND_ONLY_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("cms", "0006_audit_chain_existing_events")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(unique=True, verbose_name="sequence"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(max_length=64, unique=True, verbose_name="hash"),
        ),
        migrations.RunPython(add_trigger, drop_trigger),
    ]

