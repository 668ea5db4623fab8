# The three old "send once" marks become keys in the one send-once log (cms.SentMessage,
# table learners_sentreminder), so what was sent before stays sent:
# - HoursEntry.digest_sent_at: the entry was announced in a supervisor digest. Each
#   supervisor who may sign it now gets the key learners.hours.rules.announcement_key
#   gives it ("entry-<pk>:<submitted_at>", kind "hours_digest").
# - Certificate.reminder_60_sent_at / reminder_30_sent_at: the expiry reminder went out
#   ("<pk>:60" / "<pk>:30", kind "certificate_expiry", as send_expiry_reminders claims).
# learners.0009 then drops the three columns.

import datetime

from django.db import migrations
from django.db.models import Q


def marks_to_keys(apps, schema_editor):
    SentMessage = apps.get_model('cms', 'SentMessage')
    HoursEntry = apps.get_model('learners', 'HoursEntry')
    Supervision = apps.get_model('learners', 'Supervision')
    Certificate = apps.get_model('learners', 'Certificate')
    today = datetime.date.today()
    rows = []
    announced = HoursEntry.objects.filter(
        status='submitted', digest_sent_at__isnull=False, submitted_at__isnull=False
    )
    for entry in announced:
        supervisors = (
            Supervision.objects.filter(
                learner_id=entry.learner_id,
                programme_id=entry.programme_id,
                starts_on__lte=min(today, entry.date),
            )
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
            .values_list('supervisor_id', flat=True)
        )
        key = f'entry-{entry.pk}:{entry.submitted_at.isoformat()}'
        rows += [
            SentMessage(kind='hours_digest', recipient_id=supervisor_id, key=key)
            for supervisor_id in set(supervisors)
        ]
    for days in (60, 30):
        reminded = Certificate.objects.filter(
            **{f'reminder_{days}_sent_at__isnull': False}, learner__isnull=False
        )
        rows += [
            SentMessage(kind='certificate_expiry', recipient_id=certificate.learner_id,
                        key=f'{certificate.pk}:{days}')
            for certificate in reminded
        ]
    SentMessage.objects.bulk_create(rows, ignore_conflicts=True)


def keys_to_marks(apps, schema_editor):
    SentMessage = apps.get_model('cms', 'SentMessage')
    HoursEntry = apps.get_model('learners', 'HoursEntry')
    Certificate = apps.get_model('learners', 'Certificate')
    for message in SentMessage.objects.filter(kind='hours_digest'):
        entry_id = message.key.removeprefix('entry-').split(':', 1)[0]
        HoursEntry.objects.filter(pk=entry_id, digest_sent_at__isnull=True).update(
            digest_sent_at=message.sent_at
        )
    for message in SentMessage.objects.filter(kind='certificate_expiry'):
        certificate_id, days = message.key.split(':', 1)
        Certificate.objects.filter(pk=certificate_id).update(
            **{f'reminder_{days}_sent_at': message.sent_at}
        )


class Migration(migrations.Migration):

    dependencies = [
        ('learners', '0007_notifications_to_cms'),
        ('cms', '0004_notifications_from_learners'),
    ]

    operations = [migrations.RunPython(marks_to_keys, keys_to_marks)]
