import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# Notification and the send-once log move from learners to the base layer. Their tables
# stay as they are (learners_notification, learners_sentreminder): only Django's state
# moves, so no row is lost. learners.0007 removes them from the learners app's state.


class Migration(migrations.Migration):

    dependencies = [
        ('cms', '0003_auditevent'),
        ('learners', '0006_certificates'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=32, verbose_name='kind')),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('body', models.TextField(blank=True, verbose_name='text')),
                        ('url', models.CharField(blank=True, max_length=500, verbose_name='link')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='read')),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='recipient')),
                    ],
                    options={
                        'verbose_name': 'notification',
                        'verbose_name_plural': 'notifications',
                        'db_table': 'learners_notification',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [models.Index(fields=['recipient', 'read_at'], name='learners_no_recipie_ed0962_idx')],
                    },
                ),
                migrations.CreateModel(
                    name='SentMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=32, verbose_name='kind')),
                        ('key', models.CharField(max_length=100, verbose_name='key')),
                        ('sent_at', models.DateTimeField(auto_now_add=True, verbose_name='sent')),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'sent message',
                        'verbose_name_plural': 'sent messages',
                        'db_table': 'learners_sentreminder',
                        'constraints': [models.UniqueConstraint(fields=('kind', 'recipient', 'key'), name='reminder_once')],
                    },
                ),
            ],
        ),
    ]
