"""Bad input to the Wagtail admin views of the project's models is a clean refusal or
a form error, never a 500, and nothing changes."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from assessments.models import Question
from learners.models import PracticeCategory
from tests.test_access_matrix import admin_row, build_world, project_patterns


@pytest.fixture
def question(db) -> Question:
    return Question.objects.filter(programme__isnull=False).first()


def test_an_empty_post_to_revert_a_question_revision_is_a_form_error(administrator, question):
    revision = question.save_revision()
    revisions = question.revisions.count()
    client = Client(raise_request_exception=False)
    client.force_login(administrator)
    url = reverse(
        "wagtailsnippets_assessments_question:revisions_revert", args=[question.pk, revision.pk]
    )
    response = client.post(url, {})
    assert response.status_code == 200  # the form again, with its errors
    assert "choices" in response.context["form"].errors
    question.refresh_from_db()
    assert question.text == revision.content["text"]
    assert question.revisions.count() == revisions


@pytest.mark.django_db
def test_deleting_a_category_with_logged_hours_is_refused_with_a_message(roles):
    world = build_world(roles)
    category = world["category"]
    client = Client(raise_request_exception=False)
    client.force_login(world["admin"])
    url = reverse("wagtailsnippets_learners_practicecategory:delete", args=[category.pk])
    response = client.post(url, {})
    assert response.status_code == 302
    assert PracticeCategory.objects.filter(pk=category.pk).exists()
    [message] = get_messages(response.wsgi_request)
    assert "cannot be deleted" in str(message)


@pytest.mark.django_db
def test_no_admin_url_of_the_projects_models_fails_on_an_empty_post(roles):
    """Every snippet and chooser URL of the project's models, as an administrator (who
    reaches them all): a GET and an empty POST answer, never a 500."""
    world = build_world(roles)
    client = Client(raise_request_exception=False)
    client.force_login(world["admin"])
    failed = []
    for name, _pattern, model in project_patterns():
        if not model:
            continue
        args, _allowed = admin_row(name, model, world)
        url = reverse(name, args=args)
        for method in (client.get, client.post):
            status = method(url, {}).status_code
            if status >= 500:
                failed.append(f"{method.__name__.upper()} {name}: {status}")
    assert not failed, "\n".join(failed)
