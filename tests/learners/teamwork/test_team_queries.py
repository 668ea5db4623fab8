"""The team page (the list of a cohort's documents and members' roles) costs the same
number of queries however many revisions and members there are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import ModuleRole
from learners.cohorts.roles import set_roles
from learners.teamwork import rules
from learners.teamwork.models import TeamDocument
from tests.factories import UserFactory

TEAM_BUDGET = 16  # the session, user and menus included


def count(client, url) -> int:
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def grow(cohort, lead, *, revisions: int, people: int) -> None:
    members = [UserFactory() for _ in range(people)]
    cohort.members.add(*members)
    for person in members:
        set_roles(cohort=cohort, person=person, roles={ModuleRole.RESOURCE_PERSON}, actor=lead)
    for kind in TeamDocument.Kind.values:
        document = TeamDocument.objects.filter(cohort=cohort, kind=kind).first()
        start = document.revisions if document else 0
        for n in range(start, start + revisions):
            rules.save_revision(
                cohort=cohort, kind=kind, text=f"Tekst {n}", base=n, author=members[0]
            )
        document = TeamDocument.objects.get(cohort=cohort, kind=kind)
        rules.approve(document=document, number=document.revisions, actor=lead)


def test_the_team_page_runs_constant_queries(
    client, cohort, learner, lead, django_assert_max_num_queries
):
    url = reverse("learners:team", args=[cohort.pk])
    client.force_login(learner)
    grow(cohort, lead, revisions=1, people=1)
    small = count(client, url)
    grow(cohort, lead, revisions=15, people=20)
    large = count(client, url)
    assert large == small
    with django_assert_max_num_queries(TEAM_BUDGET):
        page = client.get(url).content.decode()
    assert page.count("Version 2, approved") == len(TeamDocument.Kind)


def test_the_history_runs_constant_queries(client, cohort, learner, lead):
    url = reverse("learners:team-document-history", args=[cohort.pk, "workplace-protocol"])
    client.force_login(learner)
    grow(cohort, lead, revisions=1, people=1)
    small = count(client, url)
    grow(cohort, lead, revisions=15, people=3)
    assert count(client, url) == small
