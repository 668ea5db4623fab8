"""The second factor (django-otp): who needs it, enrolment, verification, recovery codes.

Supervisors, programme leads, administrators and superusers sign in with their password
and then a six-digit code from an authenticator app (TOTP, RFC 6238). Each code is
accepted once: a code already used, or one older than the last accepted, is refused.
Ten recovery codes, each good once, stand in for a lost phone. Wrong codes slow the
device down (django-otp doubles the wait after each failure).
"""

import base64
import io
import re

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms import audit
from cms.roles import ADMINISTRATORS, PROGRAMME_LEADS, SUPERVISORS

STAFF_ROLES = (ADMINISTRATORS, PROGRAMME_LEADS, SUPERVISORS)
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
TOTP_CODE = re.compile(r"\d{6}")


def needs_second_factor(user) -> bool:
    """Supervisors, programme leads, administrators and superusers — the people who sign
    off hours, publish content and see other people's records — need a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    known = getattr(user, "holds_staff_role", None)  # loaded with the user: backends.py
    if known is not None:
        return known
    return user.groups.filter(name__in=STAFF_ROLES).exists()


def is_verified(user) -> bool:
    """Whether this session passed the second factor (set by django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def authenticator(user) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if they have enrolled one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def recovery_device(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, name=RECOVERY_NAME).first()


def is_recovery_device(device: Device) -> bool:
    return isinstance(device, StaticDevice)


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_NAME).count()


def normalise(code: str) -> str:
    """People type codes with spaces or dashes (``123 456``, ``abcd-efgh``)."""
    return re.sub(r"[\s-]+", "", code or "").lower()


# --- Enrolment ---------------------------------------------------------------------------


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being set up: the same unconfirmed secret until it is confirmed,
    so a reload does not invalidate what the person already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_url(device: TOTPDevice) -> str:
    """The ``otpauth://`` address as an SVG QR code in a ``data:`` URL (no request
    leaves the page, and the CSP's ``img-src data:`` allows it)."""
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        buffer, kind="svg", scale=5, border=2, xmldecl=False
    )
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def confirm_authenticator(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Finish enrolment with a code from the new app. On success the new app replaces any
    earlier one, this session counts as verified, and fresh recovery codes are returned
    (to show once: they are not shown again). A wrong code returns None."""
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not device.verify_token(normalise(code)):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_recovery_codes(user)
        audit.record(actor=user, action="second_factor.enrolled", target=user)
    _mark_verified(request, device)
    return codes


def new_recovery_codes(user) -> list[str]:
    """Replace the person's recovery codes with fresh ones; the old ones stop working."""
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
        audit.record(actor=user, action="second_factor.recovery_codes_replaced", target=user)
    return codes


def _replace_recovery_codes(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def reset(user, *, actor) -> int:
    """Remove every second-factor device of a person (a lost phone and lost codes): they
    enrol again at their next sign-in. Returns how many devices were removed."""
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=user).delete()[0]
        removed += StaticDevice.objects.filter(user=user).delete()[0]
        audit.record(actor=actor, action="second_factor.reset", target=user, devices=removed)
    return removed


# --- Verification ------------------------------------------------------------------------


def device_for_code(user, code: str) -> Device | None:
    """Which device a typed code is meant for: six digits are the app's, anything else a
    recovery code. Chosen by shape, so a wrong app code never counts against the
    recovery codes (or the other way round)."""
    if TOTP_CODE.fullmatch(normalise(code)):
        return authenticator(user)
    return recovery_device(user)


def wait_seconds(device: Device) -> int:
    """How long wrong codes have paused this device (0 when it may be tried now)."""
    allowed, details = device.verify_is_allowed()
    if allowed:
        return 0
    locked_until = details.get("locked_until")
    if locked_until is None:
        return 1
    return max(1, int((locked_until - timezone.now()).total_seconds() + 0.999))


def verify(request, device: Device, code: str) -> bool:
    """Check a code against the chosen device, once: a TOTP code at or before the last
    accepted time step is refused (no replay), and a recovery code is used up. On success
    the session counts as verified."""
    user = request.user
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk, user=user)
        if not locked.verify_token(normalise(code)):
            return False
        if isinstance(locked, StaticDevice):
            audit.record(
                actor=user,
                action="second_factor.recovery_code_used",
                target=user,
                left=locked.token_set.count(),
            )
    _mark_verified(request, locked)
    return True


def _mark_verified(request, device: Device) -> None:
    # A new session key at the moment the session gains power, as at login.
    request.session.cycle_key()
    otp_login(request, device)
