"""Failed passwords are throttled by django-axes, per account and per address.

The login form and the sign-off password re-entry both go through
``django.contrib.auth.authenticate``, so both count toward the same limit. After
``AXES_FAILURE_LIMIT`` failures for one username, or from one address, further attempts
are refused for ``AXES_COOLOFF_TIME``; then they are allowed again (never a permanent
lock). A success resets the count for that account.
"""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import authenticate
from django.shortcuts import render
from django.utils.translation import ngettext

# Set on a request whose page already tells the person they are paused, so the lockout
# handler keeps that page (and what they typed) instead of replacing it.
LOCKOUT_SHOWN = "praksis_lockout_shown"


class ThrottleBackend(AxesStandaloneBackend):
    """django-axes' gate in front of the password check.

    Throttling counts attempts that come in over HTTP. A check without a request (a
    management command, the test client's ``login()``) is no attempt from any address:
    it passes the gate and the next backend checks the password as usual."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip_address(request) -> str:
    """The address an attempt came from: ``REMOTE_ADDR``, or, behind a proxy named by
    ``LOGIN_CLIENT_IP_HEADER`` (e.g. ``HTTP_X_FORWARDED_FOR``), the last address that
    proxy added — the only one a client cannot choose."""
    header = settings.LOGIN_CLIENT_IP_HEADER
    if header:
        addresses = [part.strip() for part in request.META.get(header, "").split(",")]
        addresses = [address for address in addresses if address]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR", "")


def is_locked_out(request) -> bool:
    """Whether the last password check on this request was refused or ended in a pause."""
    return bool(getattr(request, "axes_locked_out", False))


def lockout_message(request) -> str | None:
    """The translated explanation for a paused account or address, or None when the
    request is not paused. Marks the request so the page that shows it is kept."""
    if not is_locked_out(request):
        return None
    setattr(request, LOCKOUT_SHOWN, True)
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else 0
    return ngettext(
        "Too many failed attempts. For your safety, signing in with this account or from "
        "this address is paused for %(minutes)d minute. Please try again after that.",
        "Too many failed attempts. For your safety, signing in with this account or from "
        "this address is paused for %(minutes)d minutes. Please try again after that.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a paused attempt (``AXES_LOCKOUT_CALLABLE``): the page the
    view rendered if it already explains the pause, else a page of our own; 429 both."""
    if original_response is not None and getattr(request, LOCKOUT_SHOWN, False):
        original_response.status_code = 429
        return original_response
    message = lockout_message(request)
    return render(request, "registration/locked_out.html", {"message": message}, status=429)


def password_matches(request, user, password: str) -> bool:
    """Whether ``password`` is ``user``'s own, checked through the login throttle.

    For a signed-in person confirming who they are (the sign-off e-signature): a wrong
    password counts as a failed sign-in for their account and address, and a paused
    account is refused even with the right password."""
    if not password:
        return False
    checked = authenticate(request, username=user.get_username(), password=password)
    return checked is not None and checked.pk == user.pk
