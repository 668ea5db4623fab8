"""The base layer's forms and form fields.

``IdChoiceField`` and ``IdMultipleChoiceField`` refuse what cannot be an id before the
database sees it: Django's ``ModelChoiceField`` looks a posted value up as it is, and a
number larger than a 64-bit id overflows SQLite's integer (a 500; found by
``tests/fuzz``). They answer it, and anything else that is not plain digits, with the
usual "not one of the available choices" error. ``EraseForm`` confirms an erasure."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .converters import parse_id

# Django's empty choice in every dropdown. Django's own nb catalogue lacks it (it showed
# in English on Norwegian pages); naming it here puts it in ours (locale/), which Django
# reads before its own.
BLANK_CHOICE_LABEL = _("- Select an option -")


def _refuse(value) -> bool:
    return isinstance(value, str) and value.strip() != "" and parse_id(value) is None


class IdChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` keyed by a numeric primary key."""

    def to_python(self, value):
        if _refuse(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ``ModelMultipleChoiceField`` keyed by numeric primary keys."""

    def _check_values(self, value):
        for pk in value:
            if _refuse(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class EraseForm(forms.Form):
    """Confirms an erasure: the administrator types the person's username."""

    confirmation = forms.CharField(
        label=_("Username"),
        max_length=150,
        strip=False,
        help_text=_("Type the person's username to confirm. This cannot be undone."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
