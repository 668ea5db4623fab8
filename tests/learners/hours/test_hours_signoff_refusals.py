"""A refused sign-off says what is wrong and keeps what the supervisor ticked and chose."""

from django.urls import reverse

from .conftest import days_ago, log_hours


def test_an_empty_password_asks_for_it_and_keeps_the_ticked_entries(
    client, learner, supervisor, counselling
):
    first, second = (
        log_hours(learner, counselling, status="submitted", date=days_ago(day)) for day in (1, 2)
    )
    client.force_login(supervisor)
    response = client.post(
        reverse("learners:signoff"), {"entries": [first.pk], "decision": "approve"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter your password to sign." in html and "did not match" not in html
    assert f'value="{first.pk}" id="decide-{first.pk}" checked' in html
    assert f'value="{second.pk}" id="decide-{second.pk}" aria-label' in html


def test_a_wrong_password_says_it_did_not_match(client, learner, supervisor, counselling):
    entry = log_hours(learner, counselling, status="submitted")
    client.force_login(supervisor)
    html = client.post(
        reverse("learners:signoff"),
        {"entries": [entry.pk], "decision": "approve", "password": "wrong"},
    ).content.decode()
    assert "That password did not match." in html
    assert f'id="decide-{entry.pk}" checked' in html


def test_a_return_without_a_comment_keeps_return_chosen(client, learner, supervisor, counselling):
    entry = log_hours(learner, counselling, status="submitted")
    client.force_login(supervisor)
    html = client.post(
        reverse("learners:signoff"), {"entries": [entry.pk], "decision": "return"}
    ).content.decode()
    assert 'value="return" checked' in html and 'value="approve" checked' not in html
