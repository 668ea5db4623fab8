"""A correction is a new entry linked to the approved one; it replaces the original in
the totals only once it is approved itself."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learners.hours import rules as hours
from learners.models import HoursEntry

from .conftest import form_data, log_hours


def approved_in(learner, category) -> Decimal:
    return hours.approved_hours_by_category([learner])[learner.pk].get(category.pk, Decimal(0))


def test_a_correction_replaces_the_original_only_once_approved(learner, supervisor, counselling):
    original = log_hours(learner, counselling, status="approved", supervisor=supervisor)
    assert approved_in(learner, counselling) == Decimal("1.5")

    correction = hours.correct(
        original,
        by=learner,
        category=counselling,
        date=original.date,
        hours=Decimal("2.5"),
        setting=original.setting,
        description="Samtalen varte lenger enn først ført.",
    )
    assert correction.corrects == original and correction.status == "draft"
    assert approved_in(learner, counselling) == Decimal("1.5")

    [correction] = hours.submit([correction], by=learner)
    assert approved_in(learner, counselling) == Decimal("1.5")

    hours.approve(correction, supervisor=supervisor)
    assert approved_in(learner, counselling) == Decimal("2.5")
    assert hours.progress(learner, counselling.programme).approved == Decimal("2.5")
    original.refresh_from_db()
    assert original.status == "approved" and original.signature_intact  # untouched


def test_a_returned_correction_leaves_the_original_counted(learner, supervisor, counselling):
    original = log_hours(learner, counselling, status="approved", supervisor=supervisor)
    correction = hours.correct(original, by=learner, **{
        name: getattr(original, name) for name in hours.ENTRY_FIELDS
    } | {"hours": Decimal(3)})  # fmt: skip
    [correction] = hours.submit([correction], by=learner)
    hours.return_entry(correction, supervisor=supervisor, comment="Stemmer ikke med timelisten.")
    assert approved_in(learner, counselling) == Decimal("1.5")


def test_a_correction_does_not_count_twice_towards_the_day(learner, supervisor, counselling):
    original = log_hours(
        learner, counselling, status="approved", supervisor=supervisor, hours=Decimal(20)
    )
    values = {name: getattr(original, name) for name in hours.ENTRY_FIELDS}
    correction = hours.correct(original, by=learner, **(values | {"hours": Decimal(22)}))
    assert correction.hours == Decimal(22)


def test_only_approved_entries_are_corrected_and_only_once(learner, supervisor, counselling):
    draft = log_hours(learner, counselling)
    values = {name: getattr(draft, name) for name in hours.ENTRY_FIELDS}
    with pytest.raises(ValidationError, match="Only approved entries"):
        hours.correct(draft, by=learner, **values)
    original = log_hours(
        learner, counselling, status="approved", supervisor=supervisor, date=draft.date
    )
    hours.correct(original, by=learner, **values)
    with pytest.raises(ValidationError, match="already has a correction"):
        hours.correct(original, by=learner, **values)


def test_a_learner_corrects_through_the_form(client, learner, supervisor, counselling):
    original = log_hours(learner, counselling, status="approved", supervisor=supervisor)
    client.force_login(learner)
    url = reverse("learners:hours_correct", args=[original.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(counselling, hours="1.75"))
    correction = HoursEntry.objects.get(corrects=original)
    assert response.status_code == 302 and correction.hours == Decimal("1.75")
    body = client.get(original.get_absolute_url()).content.decode()
    assert f"#{correction.pk}" in body and "a correction was started" in body
