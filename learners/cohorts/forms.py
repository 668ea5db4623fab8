"""Admin forms for cohorts and sessions: leads choose only among their own programmes
and cohorts, and membership changes made in the admin are audited."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.access import PROGRAMME_LEADS, is_administrator, led_programme_ids
from courses.models import ModulePage, ProgrammePage

from . import access as cohorts


class CohortForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._before = cohorts.membership(self.instance)
        user = self.for_user
        if user is not None and not is_administrator(user):
            self.fields["programme"].queryset = ProgrammePage.objects.filter(
                pk__in=led_programme_ids(user)
            )
        if "lead" in self.fields:
            self.fields["lead"].queryset = (
                get_user_model()
                .objects.filter(groups__name=PROGRAMME_LEADS)
                .distinct()
                .order_by("last_name", "first_name", "username")
            )

    def clean(self):
        cleaned = super().clean()
        programme = cleaned.get("programme")
        formset = self.formsets.get("deadlines")
        if programme is not None and formset is not None:
            for form in formset.forms:
                module = form.cleaned_data.get("module") if hasattr(form, "cleaned_data") else None
                if module is not None and not module.path.startswith(programme.path):
                    form.add_error("module", _("Choose a module of the cohort's programme."))
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit:
            cohorts.record_membership_changes(
                cohort=instance, actor=self.for_user, before=self._before
            )
        return instance


class SessionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["cohort"].queryset = cohorts.managed_cohorts(self.for_user).select_related(
                "organisation"
            )
        self.fields["module"].queryset = ModulePage.objects.live().order_by("path")
