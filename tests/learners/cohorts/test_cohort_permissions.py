"""Who sees which cohort: a lead only their programmes' cohorts, a leader only their
organisation, learners never each other's progress. 404 otherwise."""

import pytest
from django.urls import reverse

from cms.roles import PROGRAMME_LEADS
from learners.models import Cohort, Organisation
from tests.factories import UserFactory


def urls(cohort, session):
    return [
        reverse("learners:cohort-report", args=[cohort.pk]),
        reverse("learners:cohort-export", args=[cohort.pk]) + "?format=csv",
        reverse("learners:cohort-export", args=[cohort.pk]) + "?format=xlsx",
        reverse("learners:session-register", args=[session.pk]),
    ]


def test_a_lead_of_another_programme_gets_404(client, other_lead, cohort, session):
    client.force_login(other_lead)
    for url in urls(cohort, session):
        assert client.get(url).status_code == 404, url
    assert client.post(urls(cohort, session)[-1], {}).status_code == 404


@pytest.mark.parametrize("who", ["learner", "supervisor"])
def test_learners_and_supervisors_get_404(client, request, cohort, session, who):
    client.force_login(request.getfixturevalue(who))
    for url in urls(cohort, session):
        assert client.get(url).status_code == 404, url


def test_the_lead_and_an_administrator_see_the_report(client, lead, administrator, cohort):
    url = reverse("learners:cohort-report", args=[cohort.pk])
    for person in (lead, administrator):
        client.force_login(person)
        assert client.get(url).status_code == 200


def test_a_lead_sees_every_cohort_of_their_programme_but_no_other(
    client, lead, cohort, clinic, other_lead
):
    sibling = Cohort.objects.create(organisation=clinic, programme=cohort.programme, name="Høst")
    foreign = Cohort.objects.get(lead=other_lead)
    client.force_login(lead)
    assert client.get(reverse("learners:cohort-report", args=[sibling.pk])).status_code == 200
    assert client.get(reverse("learners:cohort-report", args=[foreign.pk])).status_code == 404


def test_leading_a_cohort_without_the_lead_role_gives_nothing(client, cohort, roles):
    impostor = UserFactory(username="ivar")
    cohort.lead = impostor
    cohort.save(update_fields=["lead"])
    client.force_login(impostor)
    assert client.get(reverse("learners:cohort-report", args=[cohort.pk])).status_code == 404


def test_an_organisation_leader_sees_only_their_organisation(
    client, leader, cohort, clinic, other_lead
):
    client.force_login(leader)
    assert client.get(reverse("learners:organisation", args=[clinic.pk])).status_code == 200
    assert client.get(reverse("learners:cohort-report", args=[cohort.pk])).status_code == 200
    other = Organisation.objects.get(slug="annen")
    assert client.get(reverse("learners:organisation", args=[other.pk])).status_code == 404
    foreign = Cohort.objects.get(organisation=other)
    assert client.get(reverse("learners:cohort-report", args=[foreign.pk])).status_code == 404


def test_an_organisation_leader_may_not_take_a_register(client, leader, session):
    client.force_login(leader)
    url = reverse("learners:session-register", args=[session.pk])
    assert client.get(url).status_code == 404


def test_the_organisation_view_shows_progress_per_department_and_cohort(
    client, leader, cohort, wards
):
    client.force_login(leader)
    html = client.get(reverse("learners:organisation", args=[cohort.organisation.pk])).content
    html = html.decode()
    assert wards[0].name in html and wards[1].name in html and cohort.name in html


def test_a_lead_cannot_open_another_programmes_cohort_in_the_admin(
    client, lead, other_lead, cohort
):
    client.force_login(other_lead)
    response = client.get(f"/admin/snippets/learners/cohort/edit/{cohort.pk}/")
    assert response.status_code == 404
    listing = client.get("/admin/snippets/learners/cohort/").content.decode()
    assert cohort.name not in listing
    client.force_login(lead)
    assert client.get(f"/admin/snippets/learners/cohort/edit/{cohort.pk}/").status_code == 200


def test_a_lead_must_also_be_in_the_group(roles, cohort, lead):
    lead.groups.remove(roles[PROGRAMME_LEADS])
    from learners.cohorts.access import visible_cohorts

    lead = type(lead).objects.get(pk=lead.pk)
    assert not visible_cohorts(lead).exists()
