"""Forms of the base layer's own pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class EraseForm(forms.Form):
    """Confirms an erasure: the administrator types the person's username."""

    confirmation = forms.CharField(
        label=_("Username"),
        max_length=150,
        strip=False,
        help_text=_("Type the person's username to confirm. This cannot be undone."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
