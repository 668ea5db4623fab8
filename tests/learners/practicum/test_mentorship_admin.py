"""Administrators and the programme's leads assign mentors in the admin (*Mentorships*):
a lead only in the programmes they lead, to people enrolled there, never naming
themselves; a volunteer with no role may be named; assigning, changing and ending are
audited."""

from django.urls import reverse

from cms.models import AuditEvent
from learners.models import Mentorship
from tests.factories import UserFactory, make_lead


def url(view: str, *args) -> str:
    return reverse(f"wagtailsnippets_learners_mentorship:{view}", args=args)


def test_a_lead_assigns_a_mentor_in_their_programme_and_it_is_audited(
    client, lead, mentee, avholdt, smart
):
    volunteer = UserFactory(username="frivillig")
    form = {
        "learner": mentee.pk, "mentor": volunteer.pk, "programme": smart.pk,
        "starts_on": "2026-01-01", "ends_on": "",
    }  # fmt: skip
    make_lead(lead, avholdt)
    client.force_login(lead)
    response = client.post(url("add"), form)
    assert "programme" in response.context["form"].errors  # not SMART's lead
    make_lead(lead, smart)
    response = client.post(url("add"), {**form, "mentor": lead.pk})
    assert "mentor" in response.context["form"].errors  # never themselves
    response = client.post(url("add"), form)
    assert response.status_code == 302
    created = Mentorship.objects.get(mentor=volunteer)
    assert created.assigned_by == lead
    assert AuditEvent.objects.filter(action="mentorship.assigned", target_id=str(created.pk))

    response = client.post(url("edit", created.pk), {**form, "ends_on": "2026-06-30"})
    assert response.status_code == 302
    changed = AuditEvent.objects.get(action="mentorship.changed")
    assert changed.data["ends_on"] == ["None", "2026-06-30"]


def test_another_lead_sees_no_mentorship_of_the_programme(client, mentor, other_lead):
    mentorship = Mentorship.objects.get(mentor=mentor)
    client.force_login(other_lead)
    assert client.get(url("edit", mentorship.pk)).status_code == 404
    assert mentor.get_full_name() not in client.get(url("list")).content.decode()
