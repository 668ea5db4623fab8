from django.core.management.base import BaseCommand
from django.utils import timezone

from learners.journey.reminders import send_deadline_reminders
from learners.reports.digests import send_lead_digests


class Command(BaseCommand):
    help = (
        "Send what is due today: module deadline reminders (7 days and 1 day before) and "
        "the weekly digest to programme leads. Run it daily from cron; running it twice "
        "sends nothing twice."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        reminders = send_deadline_reminders(today=timezone.localdate(now))
        digests = send_lead_digests(now=now)
        self.stdout.write(f"Sent {reminders} reminder(s) and {digests} digest(s).")
