"""Delete personal data downloads older than ``cms.privacy.EXPORT_KEEP_DAYS`` (run daily
from cron)."""

from django.core.management.base import BaseCommand

from cms.privacy import EXPORT_KEEP_DAYS, purge_personal_exports


class Command(BaseCommand):
    help = f"Delete personal data downloads older than {EXPORT_KEEP_DAYS} days."

    def handle(self, *args, **options):
        count = purge_personal_exports()
        self.stdout.write(f"Deleted {count} personal data download(s).")
