"""Decimal hours are read and shown as each language writes them: "2,5" is two and a half
hours in nb, da and de; "2.5" is read as such everywhere."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from cms.formats import format_hours
from cms.languages import set_person_language
from learners.hours.forms import HoursEntryForm
from learners.models import HoursEntry

from .conftest import form_data


def entry_form(category, language: str, hours: str) -> HoursEntryForm:
    with translation.override(language):
        form = HoursEntryForm(
            form_data(category, hours=hours),
            programmes=type(category.programme).objects.filter(pk=category.programme_id),
        )
        form.is_valid()
    return form


@pytest.mark.parametrize("language", ["nb", "da", "de"])
@pytest.mark.parametrize(("typed", "stored"), [("2,5", "2.5"), ("2.5", "2.5"), ("0,75", "0.75")])
def test_a_comma_is_the_decimal_mark_in_nb_da_and_de(counselling, language, typed, stored):
    form = entry_form(counselling, language, typed)
    assert not form.errors, form.errors
    assert form.cleaned_data["hours"] == Decimal(stored)


def test_english_reads_a_dot_and_refuses_a_comma(counselling):
    assert entry_form(counselling, "en", "2.5").cleaned_data["hours"] == Decimal("2.5")
    assert "hours" in entry_form(counselling, "en", "2,5").errors


@pytest.mark.parametrize(("language", "shown"), [("nb", "7,5"), ("da", "7,5"), ("de", "7,5"),
                                                  ("en", "7.5")])  # fmt: skip
def test_hours_are_shown_with_the_languages_decimal_mark(language, shown):
    with translation.override(language):
        assert format_hours(Decimal("7.50")) == shown


def test_the_hours_field_is_a_text_field_with_the_number_pad(counselling):
    """type=number would let the browser's locale decide what a typed comma means."""
    html = str(entry_form(counselling, "nb", "2,5")["hours"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html
    assert 'value="2,5"' in html


def test_two_comma_five_typed_by_a_norwegian_learner_is_stored_as_two_and_a_half(
    client, learner, counselling
):
    set_person_language(learner, "nb")
    client.force_login(learner)
    response = client.post(reverse("learners:hours_add"), form_data(counselling, hours="2,5"))
    assert response.status_code == 302
    assert HoursEntry.objects.get().hours == Decimal("2.5")
