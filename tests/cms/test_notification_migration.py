"""Notification and the send-once log moved from learners to cms with their tables, and
the old "sent" marks became keys in the log: a database migrated from the old state
keeps every row, and what was sent stays sent."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("cms", "0003_auditevent"), ("learners", "0006_certificates")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_migrated_from_the_old_state_keeps_its_rows():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        ids = _old_rows(old)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)

    from cms.notifications import Notification, SentMessage

    notification = Notification.objects.get(pk=ids["notification"])
    assert notification.title == "Husk modul 1" and notification.recipient_id == ids["learner"]
    sent = set(SentMessage.objects.values_list("kind", "recipient_id", "key"))
    assert ("deadline", ids["learner"], "7:2026-12-01:7") in sent
    assert ("hours_digest", ids["supervisor"], ids["announcement"]) in sent
    assert ("certificate_expiry", ids["learner"], f"{ids['certificate']}:60") in sent
    assert ("certificate_expiry", ids["learner"], f"{ids['certificate']}:30") not in sent


def _old_rows(apps) -> dict:
    """Rows as the old schema held them: a notification, a sent reminder, an hours entry
    announced in a digest, a certificate whose 60-day reminder went out."""
    User = apps.get_model("auth", "User")
    ProgrammePage = apps.get_model("courses", "ProgrammePage")
    learner = User.objects.create(username="old-learner", email="old@praksis.example")
    supervisor = User.objects.create(username="old-supervisor")
    programme = ProgrammePage.objects.get(content_key="rusradgiver")
    notification = apps.get_model("learners", "Notification").objects.create(
        recipient=learner, kind="deadline", title="Husk modul 1"
    )
    apps.get_model("learners", "SentReminder").objects.create(
        kind="deadline", recipient=learner, key="7:2026-12-01:7"
    )
    today = timezone.localdate()
    apps.get_model("learners", "Supervision").objects.create(
        learner=learner, supervisor=supervisor, programme=programme,
        starts_on=today - datetime.timedelta(days=30),
    )  # fmt: skip
    category = apps.get_model("learners", "PracticeCategory").objects.create(
        programme=programme, name="Samtaler", slug="samtaler"
    )
    submitted_at = timezone.now() - datetime.timedelta(hours=3)
    entry = apps.get_model("learners", "HoursEntry").objects.create(
        learner=learner, programme=programme, category=category,
        date=today - datetime.timedelta(days=2), hours=2, setting="Poliklinikk",
        description="Samtaler", status="submitted", submitted_at=submitted_at,
        digest_sent_at=timezone.now(),
    )  # fmt: skip
    entry.refresh_from_db()
    certificate = apps.get_model("learners", "Certificate").objects.create(
        serial="PRK-2026-000001", verification_id="old-code", learner=learner,
        learner_name="Old Learner", programme=programme, programme_title=programme.title,
        language="nb", issued_on=today, expires_on=today + datetime.timedelta(days=50),
        organisation_name="Praksis", reminder_60_sent_at=timezone.now(),
    )  # fmt: skip
    return {
        "learner": learner.pk,
        "supervisor": supervisor.pk,
        "notification": notification.pk,
        "announcement": f"entry-{entry.pk}:{entry.submitted_at.isoformat()}",
        "certificate": certificate.pk,
    }
