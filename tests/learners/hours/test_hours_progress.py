"""Requirement progress and the approved-hours-per-category function other apps use."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from learners.hours import rules as hours
from learners.models import Cohort, HoursRequirement, Organisation, Supervision
from tests.factories import UserFactory, make_lead

from .conftest import days_ago, log_hours


def test_progress_counts_approved_pending_and_returned(learner, supervisor, categories):
    counselling, supervision = categories["radgivning"], categories["mottatt-veiledning"]
    log_hours(learner, counselling, status="approved", supervisor=supervisor, hours=Decimal(20))
    log_hours(learner, counselling, status="submitted", hours=Decimal(3), date=days_ago(2))
    log_hours(learner, counselling, status="returned", supervisor=supervisor, hours=Decimal(2),
              date=days_ago(3))  # fmt: skip
    log_hours(learner, supervision, status="approved", supervisor=supervisor,
              hours=Decimal("1.5"), supervision_type="individual", date=days_ago(4))  # fmt: skip

    progress = hours.progress(learner, counselling.programme)
    line = next(line for line in progress.categories if line.category == counselling)
    assert (line.approved, line.pending, line.returned) == (Decimal(20), Decimal(3), Decimal(2))
    assert progress.approved == Decimal("21.5") and progress.required == Decimal(330)
    assert progress.supervision_received == Decimal("1.5")
    assert progress.supervision_required == Decimal("2.00")  # 20 practice hours at 1:10
    assert not progress.ratio_met and not progress.met


def test_progress_is_shown_as_bars_with_numbers(client, learner, supervisor, counselling):
    log_hours(learner, counselling, status="approved", supervisor=supervisor, hours=Decimal(10))
    url = reverse("learners:hours_progress", args=[counselling.programme_id, learner.pk])
    for user in (learner, supervisor):
        client.force_login(user)
        body = client.get(url).content.decode()
        assert re.search(r'<progress max="10.00" value="10(\.00)?" aria-label="[^"]+">', body)
        assert "10 of 10 hours" in body and "10 of 330 hours" in body


def test_a_lead_sees_the_cohorts_overview(client, learner, supervisor, lead, counselling):
    log_hours(learner, counselling, status="approved", supervisor=supervisor, hours=Decimal(4))
    organisation = Organisation.objects.create(name="Loland", slug="loland")
    Cohort.objects.create(
        organisation=organisation, programme=counselling.programme, name="R1", lead=lead
    ).members.add(learner)
    make_lead(lead, counselling.programme)
    client.force_login(lead)
    response = client.get(reverse("learners:hours_overview", args=[counselling.programme_id]))
    assert response.status_code == 200
    assert "4 of 330 hours" in response.content.decode()


def test_approved_hours_for_many_learners_in_one_query(
    supervisor, learner, categories, django_assert_num_queries
):
    counselling, documentation = categories["radgivning"], categories["rapportering"]
    others = [UserFactory(username=f"peer{n}") for n in range(3)]
    for other in others:
        Supervision.objects.create(
            learner=other, supervisor=supervisor, programme=counselling.programme,
            starts_on=days_ago(100),
        )  # fmt: skip
    for n, person in enumerate([learner, *others]):
        log_hours(
            person, counselling, status="approved", supervisor=supervisor, hours=Decimal(n + 1)
        )
        log_hours(person, documentation, status="approved", supervisor=supervisor,
                  hours=Decimal("0.5"), date=days_ago(2))  # fmt: skip
    log_hours(learner, counselling, status="submitted", hours=Decimal(7), date=days_ago(3))

    ids = [person.pk for person in [learner, *others]]
    with django_assert_num_queries(1):
        totals = hours.approved_hours_by_category(ids, programme=counselling.programme)
    assert totals[learner.pk] == {counselling.pk: Decimal(1), documentation.pk: Decimal("0.5")}
    assert totals[others[2].pk][counselling.pk] == Decimal(4)


def test_progress_for_many_learners_costs_three_queries(
    learner, categories, django_assert_num_queries
):
    programme = categories["rapportering"].programme
    others = [UserFactory(username=f"peer{n}") for n in range(5)]
    with django_assert_num_queries(3):
        table = hours.progress_for([learner, *others], programme)
    assert len(table) == 6


def test_a_programme_without_requirement_shows_no_total(learner, counselling):
    HoursRequirement.objects.all().delete()
    progress = hours.progress(learner, counselling.programme)
    assert progress.required == 0 and progress.supervision_required is None


@pytest.mark.parametrize("role", ["learner", "supervisor"])
def test_overview_needs_a_cohort_or_supervision(client, request, role, counselling):
    user = request.getfixturevalue(role)
    client.force_login(user)
    status = client.get(reverse("learners:hours_overview", args=[counselling.programme_id]))
    assert status.status_code == (404 if role == "learner" else 200)
