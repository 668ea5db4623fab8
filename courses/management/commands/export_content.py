from pathlib import Path

from django.core.management.base import BaseCommand

from courses.content.exporter import export_content


class Command(BaseCommand):
    help = "Write published programmes back to files in the content/ format."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        written = export_content(Path(path))
        self.stdout.write(self.style.SUCCESS(f"wrote {len(written)} files to {path}"))
