import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from cms.security.demo import DEMO_TOTP_SECRET, demo_key_hex


class Command(BaseCommand):
    help = "Print the current code of the demo authenticator (only with DEBUG on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo authenticator exists only with DEBUG on.")
        step = 30
        code = totp(bytes.fromhex(demo_key_hex()), step=step)
        left = step - int(time.time()) % step
        self.stdout.write(f"{code:06d}  (valid for {left} more seconds; secret {DEMO_TOTP_SECRET})")
