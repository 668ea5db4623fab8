"""Names with hidden characters are cleaned before they are stored, and refused in forms."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from cms.text import clean_name, refuse_invisible
from tests.factories import UserFactory

HIDDEN = [
    # (name, value, cleaned)
    ("right-to-left override", "Ola\u202eNordmann", "OlaNordmann"),
    ("left-to-right embedding", "\u202aKari\u202c", "Kari"),
    ("isolates", "\u2066Kari\u2069 \u2068Nordmann\u2069", "Kari Nordmann"),
    ("direction marks", "\u200fKari\u200e", "Kari"),
    ("Arabic letter mark", "Kari\u061c", "Kari"),
    ("zero-width space", "Ka\u200bri", "Kari"),
    ("zero-width joiners", "Ka\u200c\u200dri", "Kari"),
    ("word joiner", "Ka\u2060ri", "Kari"),
    ("byte order mark", "\ufeffKari", "Kari"),
    ("soft hyphen", "Ka\u00adri", "Kari"),
    ("variation selector", "Kari\ufe0f", "Kari"),
    ("Hangul filler as an empty name", "\u3164", ""),
    ("tag characters", "Kari\U000e0041\U000e007f", "Kari"),
    ("control characters", "Ka\x00r\x1bi", "Kari"),
    ("line breaks and tabs", "Kari\n\tNordmann", "Kari Nordmann"),
    ("runs of spaces", "  Kari \u00a0 Nordmann  ", "Kari Nordmann"),
    ("decomposed letters", "Bjo\u0308rn Ha\u030agen", "Björn Hågen"),
]
KEPT = ["Kari Nordmann", "Anne-Lise Ødegård", "Ἀριστοτέλης", "محمد", "שרה", "李小龙", "Łukasz"]


@pytest.mark.parametrize(("name", "value", "cleaned"), HIDDEN, ids=[row[0] for row in HIDDEN])
def test_hidden_characters_are_removed(name, value, cleaned):
    assert clean_name(value) == cleaned


@pytest.mark.parametrize(("name", "value", "cleaned"), HIDDEN[:-3], ids=[r[0] for r in HIDDEN[:-3]])
def test_the_validator_names_the_hidden_character(name, value, cleaned):
    with pytest.raises(ValidationError) as error:
        refuse_invisible(value)
    assert error.value.code == "invisible_character"
    assert "U+" in error.value.messages[0]


@pytest.mark.parametrize("value", KEPT)
def test_ordinary_names_in_any_script_stay(value):
    assert clean_name(value) == value
    refuse_invisible(value)


@pytest.mark.django_db
def test_an_override_cannot_reach_get_full_name():
    user = UserFactory(username="ola", first_name="Ola\u202eNordmann", last_name="\u200bHansen")
    assert user.get_full_name() == "OlaNordmann Hansen"
    stored = get_user_model().objects.get(pk=user.pk)
    assert stored.get_full_name() == "OlaNordmann Hansen"
    assert "\u202e" not in stored.get_full_name()


@pytest.mark.django_db
def test_names_are_cleaned_on_every_save():
    user = UserFactory(username="kari", first_name="Kari")
    user.last_name = "Nord\u2066mann"
    user.save(update_fields=["last_name"])
    assert get_user_model().objects.get(pk=user.pk).last_name == "Nordmann"


@pytest.mark.django_db
def test_names_stored_before_the_receiver_are_cleaned_by_the_migration():
    migration = importlib.import_module("cms.migrations.0008_clean_user_names")
    User = get_user_model()
    User.objects.bulk_create([User(username="gammel", first_name="Ola\u202e", last_name="Bø")])
    migration.clean_names(apps, None)
    assert User.objects.get(username="gammel").get_full_name() == "Ola Bø"
