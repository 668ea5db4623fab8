"""Leads edit categories and requirements in the admin; the demo data sets up the
rusrådgiver programme's hours once."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from learners.models import HoursRequirement, PracticeCategory, Supervision, SupervisorProfile
from tests.factories import UserFactory


def test_the_snippets_are_in_the_admin(client, db):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    for model in ("practicecategory", "hoursrequirement", "supervision", "supervisorprofile"):
        response = client.get(reverse(f"wagtailsnippets_learners_{model}:list"))
        assert response.status_code == 200, model
        assert client.get(reverse(f"wagtailsnippets_learners_{model}:add")).status_code == 200


def test_load_demo_sets_up_hours_once(db):
    call_command("load_demo", force=True, stdout=StringIO())
    call_command("load_demo", force=True, stdout=StringIO())
    categories = PracticeCategory.objects.filter(programme__content_key="rusradgiver")
    assert categories.count() == 13 and categories.filter(is_supervision=True).count() == 1
    requirement = HoursRequirement.objects.get(programme__content_key="rusradgiver")
    assert requirement.practice_hours_per_supervision_hour == 10
    assert SupervisorProfile.objects.filter(user__username="supervisor").count() == 1
    assert set(
        Supervision.objects.filter(
            supervisor__username="supervisor", programme__content_key="rusradgiver"
        ).values_list("learner__username", flat=True)
    ) == {"learner", "learner2", "learner3"}
