"""Background tasks (Django's tasks API). The ``certificates`` backend is the database
queue from django-tasks-db in production (run ``manage.py db_worker``) and runs tasks
at once on one machine and in tests."""

from django.tasks import task


@task(backend="certificates")
def export_certificates(export_id: int) -> None:
    from .certificates import build_export

    build_export(export_id)
