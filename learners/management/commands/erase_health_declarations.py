from django.core.management.base import BaseCommand

from learners.certification.declarations import erase_health_details


class Command(BaseCommand):
    help = (
        "Erase the text and evidence of health declarations past their retention: 30 days "
        "after the certificate is issued, or two years after signing (run daily)."
    )

    def handle(self, *args, **options):
        erased = erase_health_details()
        self.stdout.write(f"{erased} declaration(s) erased.")
