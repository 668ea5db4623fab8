"""Names stored before ``cms.receivers.clean_user_names`` lose their hidden characters
too (bidirectional overrides, zero-width characters …), so none reaches a certificate."""

from django.conf import settings
from django.db import migrations

from cms.text import clean_name


def clean_names(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    for pk, first, last in User.objects.values_list("pk", "first_name", "last_name"):
        cleaned = clean_name(first), clean_name(last)
        if cleaned != (first, last):
            User.objects.filter(pk=pk).update(first_name=cleaned[0], last_name=cleaned[1])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0007_audit_append_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(clean_names, migrations.RunPython.noop)]
