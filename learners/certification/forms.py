"""Forms for the certificate pages: the administrator's, and the learner's declarations."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cms.forms import IdChoiceField
from cms.uploads import UploadValidator
from courses.content.format import KEY_PATTERN
from courses.models import ProgrammePage
from learners.cohorts.models import Cohort

from .models import ExternalEducation


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea, max_length=2000)


class AttestationForm(forms.Form):
    learner = IdChoiceField(
        label=gettext_lazy("Learner"), queryset=get_user_model().objects.filter(is_active=True)
    )
    programme = IdChoiceField(
        label=gettext_lazy("Programme"),
        queryset=ProgrammePage.objects.filter(certification_tracks__isnull=False).distinct(),
    )
    key = forms.SlugField(label=gettext_lazy("Attestation key"))
    evidence = forms.FileField(
        label=gettext_lazy("Evidence (PDF, PNG, JPEG or WebP)"),
        validators=[UploadValidator()],
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea)


class ExportForm(forms.Form):
    programme = IdChoiceField(
        label=gettext_lazy("Programme"), queryset=ProgrammePage.objects.all(), required=False
    )
    cohort = IdChoiceField(
        label=gettext_lazy("Cohort"), queryset=Cohort.objects.all(), required=False
    )


class DeclarationForm(forms.Form):
    """What the learner declares, optional evidence, and their password as signature."""

    detail = forms.CharField(
        label=gettext_lazy("What you declare"),
        help_text=gettext_lazy("e.g. “In recovery since March 2021” or the degree you hold"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    evidence = forms.FileField(
        label=gettext_lazy("Evidence (optional: PDF or image, at most 10 MB)"),
        required=False,
        validators=[UploadValidator()],
    )
    password = forms.CharField(
        label=gettext_lazy("Your password, to sign"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        strip=False,
    )


class ExternalEducationForm(forms.ModelForm):
    """A course taken elsewhere, recorded by the learner for approval."""

    class Meta:
        model = ExternalEducation
        fields = ["provider", "title", "date", "hours", "topics", "face_to_face", "evidence"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(gettext_lazy("The date cannot be in the future."))
        return date

    def clean_topics(self):
        topics = [t.strip().lower() for t in self.cleaned_data["topics"].split(",") if t.strip()]
        if not topics or not all(KEY_PATTERN.match(topic) for topic in topics):
            raise forms.ValidationError(
                gettext_lazy("Write topic keys in lowercase with dashes, separated by commas.")
            )
        return ", ".join(topics)


class DecisionForm(forms.Form):
    approve = forms.BooleanField(required=False)
    comment = forms.CharField(
        label=gettext_lazy("Comment"), required=False, max_length=2000, widget=forms.Textarea
    )
