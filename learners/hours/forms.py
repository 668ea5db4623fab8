"""Forms for practice hours. They parse and check input; the rules that need the
database (24 hours a day, locking, who may do what) are in ``learners.hours``."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.forms import IdChoiceField, IdMultipleChoiceField

from .models import EntryLocked, HoursEntry, PracticeCategory
from .validators import validate_client_code, validate_quarter_hours


class CategoryChoiceField(IdChoiceField):
    def label_from_instance(self, category):
        return category.name


class HoursEntryForm(forms.ModelForm):
    """A new entry, a change to a draft or returned entry, or a correction. An approved
    entry's form is disabled and never valid."""

    programme = IdChoiceField(queryset=None, label=_("Programme"))
    category = CategoryChoiceField(queryset=PracticeCategory.objects.none(), label=_("Category"))

    class Meta:
        model = HoursEntry
        fields = [
            "programme", "category", "date", "hours", "setting", "description",
            "supervision_type", "client_code",
        ]  # fmt: skip
        # Hours are typed as people write them: "2,5" in nb, da and de, "2.5" in en (a
        # dot is read as the decimal mark in every language). A text field, not
        # type=number, whose handling of a typed comma depends on the browser's locale
        # (Chromium in nb turned "2,5" into 25); the phone still gets the number pad.
        localized_fields = ["hours"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "hours": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        }

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].widget = forms.DateInput(
            attrs={"type": "date", "max": timezone.localdate().isoformat()}
        )
        instance = self.instance
        if instance.pk or instance.corrects_id:
            # An entry stays in its programme; only the category may change within it.
            self.fields["programme"].queryset = type(instance.programme).objects.filter(
                pk=instance.programme_id
            )
            self.fields["programme"].initial = instance.programme_id
            self.fields["programme"].disabled = True
            programme_ids = [instance.programme_id]
        else:
            self.fields["programme"].queryset = programmes
            programme_ids = [programme.pk for programme in programmes]
            if len(programme_ids) == 1:
                self.fields["programme"].initial = programme_ids[0]
        categories = PracticeCategory.objects.filter(programme__in=programme_ids)
        current = instance.category_id if instance.pk else None
        self.fields["category"].queryset = categories.filter(
            Q(active=True) | Q(pk=current)
        ).order_by("programme__title", "sort_order", "name")
        self.fields["hours"].validators.append(validate_quarter_hours)
        self.fields["client_code"].validators.append(validate_client_code)
        self.fields["supervision_type"].help_text = _("Only for supervision you received")
        if instance.is_locked:
            for field in self.fields.values():
                field.disabled = True

    def clean(self):
        if self.instance.is_locked:
            raise EntryLocked()
        cleaned = super().clean()
        programme, category = cleaned.get("programme"), cleaned.get("category")
        if programme and category and category.programme_id != programme.pk:
            self.add_error("category", _("Choose a category from this programme's list."))
        return cleaned

    def _post_clean(self):
        # The model's own field checks run in the domain functions; running them here too
        # would validate against the half-built instance (no learner, no programme).
        pass

    def values(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in HoursEntryForm.Meta.fields and name != "programme"
        }


class EntriesForm(forms.Form):
    """Some entries chosen by ticking their boxes."""

    entries = IdMultipleChoiceField(
        queryset=HoursEntry.objects.none(),
        label=_("Entries"),
        error_messages={"required": _("Choose at least one entry.")},
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = queryset


class DecisionForm(EntriesForm):
    """A supervisor's decision on one or many entries: approve (an e-signature, which
    may ask for their password) or return with a comment."""

    APPROVE, RETURN = "approve", "return"
    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Approve and sign")), (RETURN, _("Return with comment"))],
        label=_("Decision"),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return entries: say what needs changing."),
    )
    password = forms.CharField(
        label=_("Your password, to sign"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not cleaned.get("comment", "").strip():
            self.add_error(
                "comment", _("Say what needs changing: returning an entry needs a comment.")
            )
        return cleaned

    @property
    def approving(self) -> bool:
        return self.cleaned_data.get("decision") == self.APPROVE


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput({"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the period comes before its start."))
        return cleaned
