"""Admin forms for cohorts and sessions: leads choose only among their own programmes
and cohorts, and membership changes made in the admin are audited."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.access import PROGRAMME_LEADS, is_administrator, leads_of, led_programme_ids
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
            self.fields["lead"].queryset = self._lead_choices(user).order_by(
                "last_name", "first_name", "username"
            )

    def _lead_choices(self, user):
        """A cohort's lead is someone who leads its programme: for a lead, the people
        who lead the cohort's programme (a new cohort: any programme the lead leads);
        administrators choose among all members of *Programme leads*."""
        if user is None or is_administrator(user):
            return get_user_model().objects.filter(groups__name=PROGRAMME_LEADS).distinct()
        if self.instance.programme_id is not None:
            return leads_of([self.instance.programme_id])
        return leads_of(led_programme_ids(user))

    def clean(self):
        cleaned = super().clean()
        programme = cleaned.get("programme")
        lead = cleaned.get("lead")
        user = self.for_user
        if (
            programme is not None
            and lead is not None
            and user is not None
            and not is_administrator(user)
            and not leads_of([programme.pk]).filter(pk=lead.pk).exists()
        ):
            self.add_error("lead", _("Choose someone who leads the cohort's programme."))
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
            self.fields["module"].queryset = cohorts.plannable_modules(self.for_user)
        else:
            self.fields["module"].queryset = ModulePage.objects.live().order_by("path")

    def clean(self):
        cleaned = super().clean()
        cohort, module = cleaned.get("cohort"), cleaned.get("module")
        if cohort is not None and module is not None:
            if not module.path.startswith(cohort.programme.path):
                self.add_error("module", _("Choose a module of the cohort's programme."))
        return cleaned
