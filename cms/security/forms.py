"""Sign-in forms: the password step (throttled) and the second-factor code."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..languages import in_language_of
from . import second_factor
from .throttling import lockout_message


class SignInForm(AuthenticationForm):
    """Username and password. A paused account or address is told so, and for how long,
    instead of the usual "did not match"."""

    lockout = None

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            self.lockout = lockout_message(self.request)
            if self.lockout:
                raise ValidationError(self.lockout, code="locked_out") from None
            raise


def refuse_while_paused(device) -> None:
    """Wrong codes pause a device (django-otp doubles the wait each time); say how long."""
    wait = second_factor.wait_seconds(device)
    if wait:
        raise ValidationError(
            ngettext(
                "Too many wrong codes. Wait %(seconds)d second and try again.",
                "Too many wrong codes. Wait %(seconds)d seconds and try again.",
                wait,
            )
            % {"seconds": wait},
            code="throttled",
        )


class CodeForm(forms.Form):
    """One box for a code from the authenticator app or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_code(self):
        code = self.cleaned_data["code"]
        device = second_factor.device_for_code(self.user, code)
        if device is None:
            raise ValidationError(_("That code is not right. Check it and try again."))
        refuse_while_paused(device)
        self.device = device
        return code


class EnrolForm(forms.Form):
    """The first code from a new authenticator app, which confirms it."""

    code = forms.CharField(
        label=_("Code shown in the app"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        refuse_while_paused(self.device)
        return self.cleaned_data["code"]


class PersonPasswordResetForm(PasswordResetForm):
    """Django's password reset; the e-mail is written in the account holder's language
    (``cms.languages.in_language_of``), not in the language of whoever asked for it."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with in_language_of(context["user"]):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
