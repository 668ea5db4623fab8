"""Four eyes on existing databases: programme leads lose the page publish permission and
the supervisor-profile change permissions, and the *Programme review* workflow's plain
group approval step becomes a four-eyes step with the same groups."""

from django.db import migrations

LEADS = "Programme leads"
REVIEW_TASK_NAME = "Programme lead review"


def submit_for_review(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    FourEyesApprovalTask = apps.get_model("cms", "FourEyesApprovalTask")

    leads = Group.objects.filter(name=LEADS).first()
    if leads is not None:
        GroupPagePermission.objects.filter(
            group=leads, permission__codename__in=["publish_page", "bulk_delete_page"]
        ).delete()
        leads.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="learners",
                codename__in=[
                    "add_supervisorprofile",
                    "change_supervisorprofile",
                    "delete_supervisorprofile",
                ],
            )
        )

    for workflow in Workflow.objects.filter(name="Programme review"):
        links = WorkflowTask.objects.filter(workflow=workflow)
        old_ids = list(links.values_list("task_id", flat=True))
        old = GroupApprovalTask.objects.filter(pk__in=old_ids)
        if not old.exists():
            continue
        content_type, _ = ContentType.objects.get_or_create(
            app_label="cms", model="foureyesapprovaltask"
        )
        task = FourEyesApprovalTask.objects.create(
            name=REVIEW_TASK_NAME, active=True, content_type=content_type
        )
        for previous in old:
            task.groups.add(*previous.groups.all())
        links.delete()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0011_foureyesapprovaltask"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(submit_for_review, migrations.RunPython.noop)]
