from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.roles import ensure_roles
from courses.content.loader import load_content
from courses.content.trees import catalogues


class Command(BaseCommand):
    help = "Create or update programme pages from content/ (matched on each file's key)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.BASE_DIR / "content"))

    def handle(self, *args, path, **options):
        root = Path(path)
        if not root.is_dir():
            raise CommandError(f"{root} is not a folder")
        report = load_content(root)
        ensure_roles(catalogues()[0])  # every locale's catalogue (cms.roles)
        for label in report.created:
            self.stdout.write(f"created    {label}")
        for label in report.updated:
            self.stdout.write(f"updated    {label}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.created)} created, {len(report.updated)} updated, "
                f"{len(report.unchanged)} left alone; "
                f"{len(report.translations)} translation(s) loaded"
                + (f" ({', '.join(report.translations)})" if report.translations else "")
            )
        )
        if report.errors:
            for error in report.errors:
                self.stderr.write(self.style.ERROR(str(error)))
            raise CommandError(
                f"{len(report.errors)} programme(s) or translation(s) not loaded; nothing "
                f"from them was written"
            )
