# Notification and SentReminder now belong to cms (cms.0004 takes them over with their
# tables). Only Django's state changes here; the tables and their rows stay.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('learners', '0006_certificates'),
        ('cms', '0004_notifications_from_learners'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name='Notification'),
                migrations.DeleteModel(name='SentReminder'),
            ],
        ),
    ]
