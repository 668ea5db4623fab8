"""Hostile addresses: numbers too large for an id, and NUL characters, answer 404/400
and never reach the database (they used to give 500s)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from assessments.routes import EXAM_URLCONF
from cms.converters import MAX_ID, BoundedIntConverter, parse_id
from cms.forms import IdChoiceField, IdMultipleChoiceField
from learners.models import JournalEntry

OUR_APPS = ("cms", "courses", "learners", "assessments")


def our_patterns(resolver, prefix=""):
    """Our URL patterns (the Wagtail admin's are Wagtail's, even for our viewsets; Django
    answers an out-of-range ``pk=`` lookup there with no match)."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from our_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            module = getattr(entry.callback, "__module__", "") or ""
            wagtail_admin = prefix.startswith("admin/") and not prefix.startswith("admin/audit/")
            if module.split(".")[0] in OUR_APPS and not wagtail_admin:
                yield prefix + str(entry.pattern), entry.pattern


def test_every_number_in_our_paths_is_a_bounded_id():
    patterns = [*our_patterns(get_resolver()), *our_patterns(get_resolver(EXAM_URLCONF))]
    assert len(patterns) > 30
    numbers = 0
    for route, pattern in patterns:
        converters = getattr(pattern, "converters", {}).values()
        assert not any(type(c) is IntConverter for c in converters), route
        numbers += sum(isinstance(c, BoundedIntConverter) for c in converters)
    assert numbers >= 30


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), (str(MAX_ID), MAX_ID), (str(MAX_ID + 1), None), ("9" * 5000, None),
     ("²", None), ("-1", None), ("1.0", None), ("", None), (None, None), (" 7 ", 7)],
)  # fmt: skip
def test_parse_id_takes_only_ids(raw, expected):
    assert parse_id(raw) == expected


@pytest.mark.parametrize(
    "path",
    [
        "/hours/9223372036854775808/",
        "/hours/99999999999999999999999999/",
        "/journal/18446744073709551616/",
        "/certificates/9223372036854775808/certificate.pdf",
        "/sessions/9223372036854775808/register/",
        "/programmes/9223372036854775808/enrolments/",
        "/cohorts/9223372036854775808/report/",
    ],
)
def test_a_number_too_large_for_an_id_is_a_404(client, learner, path):
    client.force_login(learner)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/search/?q=%00", "/search/?q=a%00b", "/verify/%00/", "/%00/"])
def test_a_nul_in_the_address_is_a_400(client, db, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "not allowed" in response.content.decode()


def test_a_nul_in_a_posted_value_is_a_400_and_changes_nothing(client, learner):
    client.force_login(learner)
    response = client.post("/journal/1/comments/", {"text": "hei\x00"})
    assert response.status_code == 400
    assert not JournalEntry.objects.exists()


@pytest.mark.parametrize("query", ['"', 'a"b', '"avhold', "*", "a*", "NEAR(", "AND", "(", "\\"])
def test_search_takes_any_query(client, db, query):
    assert client.get("/search/", {"q": query}).status_code == 200


@pytest.mark.parametrize("value", ["9" * 30, str(2**63), "²", "1.5", "abc"])
def test_id_choice_fields_refuse_what_cannot_be_an_id_before_any_query(
    value, django_assert_num_queries, db
):
    with django_assert_num_queries(0):
        with pytest.raises(ValidationError):
            IdChoiceField(queryset=JournalEntry.objects.all()).clean(value)
        with pytest.raises(ValidationError):
            IdMultipleChoiceField(queryset=JournalEntry.objects.all()).clean(["1", value])
