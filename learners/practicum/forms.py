"""Forms for the practicum log: an entry (the learner), and a mentor's decision."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.forms import IdChoiceField

from .models import PracticumEntry


class EntryForm(forms.ModelForm):
    """A new meeting, or a change to a draft or returned one. An entry stays in its
    programme once saved."""

    programme = IdChoiceField(queryset=None, label=_("Programme"))

    class Meta:
        model = PracticumEntry
        fields = ["programme", "date", "format", "role", "duration_minutes", "attendees",
                  "reflection"]  # fmt: skip
        widgets = {
            "format": forms.RadioSelect,
            "role": forms.RadioSelect,
            "reflection": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].widget = forms.DateInput(
            attrs={"type": "date", "max": timezone.localdate().isoformat()}
        )
        if self.instance.pk:
            programmes = programmes.model.objects.filter(pk=self.instance.programme_id)
            self.fields["programme"].disabled = True
        self.fields["programme"].queryset = programmes
        if len(programmes) == 1:
            self.fields["programme"].initial = programmes[0].pk


class DecisionForm(forms.Form):
    """Confirm, or return with a comment (the rule that a return needs one is
    ``learners.practicum.rules.return_entry``)."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("confirm", _("Confirm the meeting")), ("return", _("Return it to the learner"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you return the meeting: say what to change."),
    )
