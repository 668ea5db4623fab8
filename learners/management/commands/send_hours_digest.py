from django.core.management.base import BaseCommand

from learners.hours.notifications import send_supervisor_digests


class Command(BaseCommand):
    help = (
        "E-mail each supervisor one digest of newly submitted practice hours waiting for "
        "their sign-off. Run it from cron, e.g. every morning."
    )

    def handle(self, *args, **options):
        sent = send_supervisor_digests()
        self.stdout.write(f"Sent {sent} digest(s).")
