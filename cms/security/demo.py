"""Known authenticators for the demo staff, so `make run` and the browser tests can sign
in with the second factor. Only with DEBUG on: a known secret is no second factor."""

import base64

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import second_factor

# Published on purpose (README): add it to any authenticator app, or print the current
# code with `python manage.py demo_code`.
DEMO_TOTP_SECRET = "PRAKSISDEMOSECRETPRAKSISDEMO2345"
DEMO_DEVICE_NAME = "Demo authenticator"


def demo_key_hex() -> str:
    return base64.b32decode(DEMO_TOTP_SECRET).hex()


def ensure_demo_authenticators(users) -> list:
    """Give each of ``users`` who needs a second factor and has no authenticator yet the
    demo authenticator. Does nothing unless DEBUG is on; never replaces an app someone
    set up. Returns the people who now have the demo authenticator."""
    if not settings.DEBUG:
        return []
    given = []
    for user in users:
        if not second_factor.needs_second_factor(user):
            continue
        device = second_factor.authenticator(user)
        if device is None:
            device = TOTPDevice.objects.create(
                user=user, name=DEMO_DEVICE_NAME, key=demo_key_hex(), confirmed=True
            )
        if device.name == DEMO_DEVICE_NAME:
            given.append(user)
    return given
