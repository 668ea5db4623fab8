"""Leading a cohort no longer makes anyone a programme's lead: the explicit grant
(``courses.ProgrammeLead``) does. So that nobody loses what they lead today, every person
who leads a cohort is granted that cohort's programme once."""

from django.db import migrations


def grant_cohort_leads(apps, schema_editor):
    Cohort = apps.get_model("learners", "Cohort")
    ProgrammeLead = apps.get_model("courses", "ProgrammeLead")
    pairs = set(
        Cohort.objects.filter(lead__isnull=False).values_list("lead_id", "programme_id")
    )
    for user_id, programme_id in sorted(pairs):
        ProgrammeLead.objects.get_or_create(user_id=user_id, programme_id=programme_id)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0009_programmelead"),
        ("learners", "0013_dashboardvisit"),
    ]

    operations = [migrations.RunPython(grant_cohort_leads, migrations.RunPython.noop)]
