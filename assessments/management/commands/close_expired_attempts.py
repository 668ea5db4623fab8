from django.core.management.base import BaseCommand

from assessments.services import close_expired_attempts


class Command(BaseCommand):
    help = "Submit every open exam attempt whose deadline has passed (run it every minute)."

    def handle(self, *args, **options):
        closed = close_expired_attempts()
        self.stdout.write(self.style.SUCCESS(f"{closed} attempt(s) submitted"))
