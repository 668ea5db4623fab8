from django.core.management.base import BaseCommand

from learners.journey.reminders import send_due


class Command(BaseCommand):
    help = (
        "Send what is due today: module deadline reminders (7 days and 1 day before) and "
        "the weekly digest to programme leads. Run it daily from cron; running it twice "
        "sends nothing twice."
    )

    def handle(self, *args, **options):
        sent = send_due()
        self.stdout.write(f"Sent {sent['reminders']} reminder(s) and {sent['digests']} digest(s).")
