"""Dates, times and numbers as each language writes them; English is British (day before
month, 24-hour clock), never the US 12/07/2026 9 a.m. for 7 December."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, translation

from cms.formats import format_hours_unit

DAY = datetime.date(2026, 12, 7)
MOMENT = datetime.datetime(2026, 12, 7, 9, 5)


@pytest.mark.parametrize(
    ("language", "date", "short", "time"),
    [
        ("nb", "7. desember 2026", "07.12.2026", "09:05"),
        ("da", "7. december 2026", "07.12.2026", "09:05"),
        ("de", "7. Dezember 2026", "07.12.2026", "09:05"),
        ("en", "7 December 2026", "7 Dec 2026", "09:05"),
    ],
)
def test_dates_and_times_in_each_language(language, date, short, time):
    with translation.override(language):
        assert formats.date_format(DAY) == date
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == short
        assert formats.time_format(MOMENT.time()) == time


def test_english_is_never_month_first():
    with translation.override("en"):
        rendered = Template("{{ d|date:'SHORT_DATE_FORMAT' }} {{ m|date:'DATETIME_FORMAT' }}")
        text = rendered.render(Context({"d": DAY, "m": MOMENT}))
    assert "12/07" not in text and "a.m." not in text
    assert text == "7 Dec 2026 7 December 2026, 09:05"


@pytest.mark.parametrize(
    ("language", "typed"),
    [("nb", "07.12.2026"), ("da", "07.12.2026"), ("de", "07.12.2026"), ("en", "07/12/2026")],
)
def test_a_typed_date_is_read_day_first(language, typed):
    with translation.override(language):
        assert forms.DateField().clean(typed) == DAY


@pytest.mark.parametrize(
    ("language", "number", "hours"),
    [
        ("nb", "1\xa0234,5", "7,5 t"),
        ("da", "1.234,5", "7,5 t"),
        ("de", "1.234,5", "7,5 Std."),
        ("en", "1,234.5", "7.5 h"),
    ],
)
def test_numbers_and_hours_in_each_language(language, number, hours):
    with translation.override(language):
        assert formats.number_format(Decimal("1234.5"), 1, force_grouping=True) == number
        assert format_hours_unit(Decimal("7.50")) == hours
