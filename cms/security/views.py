"""Sign-in views: the password step, the second-factor code, enrolment, recovery codes."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from . import second_factor
from .forms import CodeForm, EnrolForm, SignInForm


class SignInView(auth_views.LoginView):
    """The password step, throttled per account and per address (django-axes). Staff
    are then led to the second factor by ``SecondFactorMiddleware``."""

    form_class = SignInForm


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _staff_only(request) -> None:
    if not second_factor.needs_second_factor(request.user):
        raise Http404


@never_cache
@sensitive_post_parameters("code")
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Second step of sign-in: a code from the authenticator app, or a recovery code."""
    _staff_only(request)
    next_url = _next_url(request)
    user = request.user
    if second_factor.is_verified(user):
        return redirect(next_url)
    if second_factor.authenticator(user) is None:
        return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': next_url})}")
    form = CodeForm(request.POST if request.method == "POST" else None, user=user)
    if form.is_valid():
        if second_factor.verify(request, form.device, form.cleaned_data["code"]):
            if second_factor.is_recovery_device(form.device):
                left = second_factor.recovery_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code. %(left)d recovery code is "
                        "left; make new ones under Two-step sign-in.",
                        "You signed in with a recovery code. %(left)d recovery codes are "
                        "left; make new ones under Two-step sign-in.",
                        left,
                    )
                    % {"left": left},
                )
            return redirect(next_url)
        form.add_error(
            "code",
            _("That code is not right, or it was used already. Enter the newest code."),
        )
    context = {"form": form, "next": next_url}
    status = 400 if form.errors else 200
    return render(request, "registration/two_factor_verify.html", context, status=status)


@never_cache
@sensitive_post_parameters("code")
@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrol an authenticator app: scan the QR code (or type the secret), confirm with a
    code, and see the recovery codes once. A person who already has an app must pass
    the second factor with it (or a recovery code) before replacing it."""
    _staff_only(request)
    next_url = _next_url(request)
    user = request.user
    if second_factor.authenticator(user) and not second_factor.is_verified(user):
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': next_url})}")
    device = second_factor.pending_authenticator(user)
    form = EnrolForm(request.POST if request.method == "POST" else None, device=device)
    if form.is_valid():
        codes = second_factor.confirm_authenticator(request, device, form.cleaned_data["code"])
        if codes is not None:
            messages.success(request, _("Two-step sign-in is set up."))
            return render(
                request, "registration/recovery_codes.html", {"codes": codes, "next": next_url}
            )
        form.add_error(
            "code",
            _("That code did not match. Check the time on your phone and enter the newest code."),
        )
    context = {
        "form": form,
        "next": next_url,
        "qr_code": second_factor.qr_code_data_url(device),
        "secret": second_factor.secret_text(device),
        "replacing": second_factor.authenticator(user) is not None,
    }
    status = 400 if form.errors else 200
    return render(request, "registration/two_factor_setup.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def overview(request):
    """Two-step sign-in settings: recovery codes left, new recovery codes, a new app."""
    _staff_only(request)
    user = request.user
    if request.method == "POST":
        codes = second_factor.new_recovery_codes(user)
        next_url = reverse("two_factor")
        return render(
            request, "registration/recovery_codes.html", {"codes": codes, "next": next_url}
        )
    context = {
        "authenticator": second_factor.authenticator(user),
        "codes_left": second_factor.recovery_codes_left(user),
    }
    return render(request, "registration/two_factor.html", context)
