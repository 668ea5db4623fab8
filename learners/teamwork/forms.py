from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.forms import IdMultipleChoiceField
from cms.markdown import MAX_LENGTH, validate_markdown
from courses.models import ModuleRole

from .models import Consultation


class DocumentForm(forms.Form):
    """The document's Markdown, and the revision the writer started from."""

    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 20}),
        max_length=MAX_LENGTH,
        validators=[validate_markdown],
        help_text=_("Markdown: # for headings, - for lists, **bold**."),
    )
    base = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ApproveForm(forms.Form):
    """The revision the approver read."""

    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class RolesForm(forms.Form):
    """A set of role checkboxes per member of the cohort (``role-<person id>``)."""

    def __init__(self, *args, members, held: dict[int, set[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for person in self.members:
            self.fields[f"role-{person.pk}"] = forms.MultipleChoiceField(
                label=person.get_full_name() or person.get_username(),
                choices=ModuleRole.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=sorted(held.get(person.pk, set())),
            )

    def chosen(self):
        """``(person, roles)`` for every member, after validation."""
        return [(p, set(self.cleaned_data[f"role-{p.pk}"])) for p in self.members]


class ConsultationForm(forms.Form):
    """A consultation or NMT assessment: the people who took part are chosen from the
    cohort's members; a date in the future is refused (this records what happened)."""

    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Consultation.Kind.choices, widget=forms.RadioSelect
    )
    participants = IdMultipleChoiceField(
        label=_("Who took part"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    consultant = forms.CharField(
        label=_("External consultant or resource person"),
        max_length=200,
        required=False,
        help_text=_("A name and organisation, e.g. the consultant from the resource centre."),
    )
    notes = forms.CharField(
        label=_("What was learnt or agreed"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=MAX_LENGTH,
        validators=[validate_markdown],
        help_text=_(
            "Markdown. Write what the team learnt and agreed, never anything that could "
            "identify a client: no names, initials, dates of birth, addresses or rare "
            "details of someone's story."
        ),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = members
        self.fields["participants"].label_from_instance = lambda person: (
            person.get_full_name() or person.get_username()
        )

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("The date is in the future: record what took place."))
        return held_on
