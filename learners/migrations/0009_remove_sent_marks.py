# The send-once marks live in the one log now (see 0008).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('learners', '0008_sent_log_keys'),
    ]

    operations = [
        migrations.RemoveField(model_name='certificate', name='reminder_30_sent_at'),
        migrations.RemoveField(model_name='certificate', name='reminder_60_sent_at'),
        migrations.RemoveField(model_name='hoursentry', name='digest_sent_at'),
    ]
