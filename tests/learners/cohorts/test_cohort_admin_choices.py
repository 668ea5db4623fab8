"""The cohort and session forms in the admin offer a lead only their own programmes'
modules and leads, and refuse a crafted POST with another programme's."""

from django.urls import reverse
from django.utils import timezone

from cms.roles import PROGRAMME_LEADS
from courses.models import ModulePage, ProgrammePage
from learners.models import Cohort, Session
from tests.factories import UserFactory


def url(model, view, *args):
    return reverse(f"wagtailsnippets_learners_{model}:{view}", args=args)


def test_a_lead_plans_sessions_only_for_modules_of_their_programmes(
    client, lead, administrator, cohort, avholdt
):
    foreign = ModulePage.objects.live().exclude(path__startswith=avholdt.path).first()
    client.force_login(lead)
    choices = client.get(url("session", "add")).context["form"].fields["module"].queryset
    assert set(choices) == set(avholdt.modules())

    response = client.post(
        url("session", "add"),
        {
            "cohort": cohort.pk,
            "module": foreign.pk,
            "title": "Smuglet",
            "starts_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "duration_minutes": 60,
            "place": "Rom 1",
        },
    )
    assert response.status_code == 200
    assert "module" in response.context["form"].errors
    assert not Session.objects.filter(title="Smuglet").exists()

    client.force_login(administrator)
    choices = client.get(url("session", "add")).context["form"].fields["module"].queryset
    assert foreign in choices


def test_a_cohorts_lead_is_chosen_among_the_leads_of_its_programme(
    client, roles, lead, other_lead, administrator, cohort
):
    ungranted = UserFactory(username="uffe", groups=[roles[PROGRAMME_LEADS]])
    client.force_login(lead)
    form = client.get(url("cohort", "edit", cohort.pk)).context["form"]
    assert list(form.fields["lead"].queryset) == [lead]

    client.force_login(administrator)
    form = client.get(url("cohort", "edit", cohort.pk)).context["form"]
    assert {lead, other_lead, ungranted} <= set(form.fields["lead"].queryset)


def test_a_lead_cannot_name_another_programmes_lead(client, lead, other_lead, cohort, clinic):
    client.force_login(lead)
    response = client.post(
        url("cohort", "add"),
        {
            "organisation": clinic.pk,
            "programme": cohort.programme_id,
            "name": "Smuglet",
            "lead": other_lead.pk,
            "deadlines-TOTAL_FORMS": 0,
            "deadlines-INITIAL_FORMS": 0,
            "deadlines-MIN_NUM_FORMS": 0,
            "deadlines-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 200
    assert "lead" in response.context["form"].errors
    assert not Cohort.objects.filter(name="Smuglet").exists()
    assert ProgrammePage.objects.filter(pk=cohort.programme_id).exists()
