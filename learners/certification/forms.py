"""Forms for the administrator's certificate pages."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy

from cms.forms import IdChoiceField
from cms.uploads import UploadValidator
from courses.models import ProgrammePage
from learners.cohorts.models import Cohort


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea, max_length=2000)


class AttestationForm(forms.Form):
    learner = IdChoiceField(
        label=gettext_lazy("Learner"), queryset=get_user_model().objects.filter(is_active=True)
    )
    programme = IdChoiceField(
        label=gettext_lazy("Programme"),
        queryset=ProgrammePage.objects.filter(certification_track__isnull=False),
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
