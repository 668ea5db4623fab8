import datetime

from django.core.management.base import BaseCommand

from learners.certification.certificates import send_expiry_reminders


class Command(BaseCommand):
    help = "E-mail holders 60 and 30 days before their certificate expires (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="YYYY-MM-DD, for catching up or testing")

    def handle(self, *args, today=None, **options):
        day = datetime.date.fromisoformat(today) if today else None
        sent = send_expiry_reminders(today=day)
        self.stdout.write(f"{sent} reminder(s) sent.")
