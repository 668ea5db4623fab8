"""Each question belongs to one programme's bank, so a lead edits only their programmes'
questions and an exam's random rules draw only from its own programme. Existing
questions join the bank of the programme whose exam uses them; a question no exam uses
stays in the shared bank (administrators only), and so does a question whose programme is
deleted."""

import django.db.models.deletion
from django.db import migrations, models


def fill_programmes(apps, schema_editor):
    Question = apps.get_model("assessments", "Question")
    ExamQuestion = apps.get_model("assessments", "ExamQuestion")
    ExamPoolQuestion = apps.get_model("assessments", "ExamPoolQuestion")
    ProgrammePage = apps.get_model("courses", "ProgrammePage")
    programmes = list(ProgrammePage.objects.values_list("pk", "path"))
    exam_paths = {}
    for link_model in (ExamQuestion, ExamPoolQuestion):
        for question_id, path in link_model.objects.values_list("question_id", "page__path"):
            exam_paths.setdefault(question_id, path)
    for question_id, path in exam_paths.items():
        owner = next((pk for pk, prefix in programmes if path.startswith(prefix)), None)
        if owner is not None:
            Question.objects.filter(pk=question_id, programme__isnull=True).update(
                programme_id=owner
            )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0004_exampage_covers"),
        ("courses", "0005_certification_tracks"),
    ]

    operations = [
        migrations.AddField(
            model_name="question",
            name="programme",
            field=models.ForeignKey(
                blank=True,
                help_text="The programme whose bank holds the question; its exams draw only from it",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="questions",
                to="courses.programmepage",
                verbose_name="programme",
            ),
        ),
        migrations.RunPython(fill_programmes, migrations.RunPython.noop),
    ]
