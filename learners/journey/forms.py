from django import forms
from django.utils.translation import gettext_lazy as _

from cms.forms import IdChoiceField
from cms.markdown import validate_markdown
from learners.cohorts.models import Cohort

from .models.signoff import COMMENT_LENGTH


class EnrolPersonForm(forms.Form):
    who = forms.CharField(label=_("E-mail or username"), max_length=254)


class EnrolCohortForm(forms.Form):
    cohort = IdChoiceField(label=_("Cohort"), queryset=Cohort.objects.none())

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = Cohort.objects.filter(programme=programme).select_related(
            "organisation"
        )


class EnrolCsvForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: email or username, and optionally cohort. One person per line."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Save the file as UTF-8 CSV and try again.")) from None


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000
    )


class JournalSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    programme = forms.TypedChoiceField(
        label=_("Programme"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All programmes"))] + [
            (p.pk, p.title) for p in programmes
        ]


class SignoffDecisionForm(forms.Form):
    """A leader's decision on a finished module: sign it off, or return it with a
    comment (a return needs one, so the learner knows what to do)."""

    SIGN_OFF, RETURN = "sign-off", "return"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(SIGN_OFF, _("Sign off: the module is completed")), (RETURN, _("Return"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the learner"),
        required=False,
        max_length=COMMENT_LENGTH,
        validators=[validate_markdown],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Needed when you return the module: say what the learner should do."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Write what the learner should do before you return."))
        return cleaned
