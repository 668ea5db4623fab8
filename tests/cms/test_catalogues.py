"""Our catalogues stay complete: every message of the code is in locale/nb, da and de,
translated and not fuzzy. ``makemessages`` runs once, on a copy of the sources with one
planted message, so the same run shows that the check finds a gap."""

import shutil

import pytest

from tests.catalogues import LANGUAGES, catalogue, extracted_msgids, gaps, parse_po

PLANTED = "A planted message that no catalogue has"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_in_the_catalogue_is_translated_and_not_fuzzy(language):
    entries = catalogue(language)
    assert len(entries) > 1000
    assert gaps(entries) == []


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext is not installed")
def test_makemessages_finds_no_message_the_catalogues_lack():
    extracted = extracted_msgids(
        plant={"templates/planted.html": f'{{% load i18n %}}{{% translate "{PLANTED}" %}}'}
    )
    missing = extracted - {entry.msgid for entry in catalogue("nb")}
    assert missing == {PLANTED}, f"messages no catalogue has: {sorted(missing - {PLANTED})}"
    for language in LANGUAGES[1:]:
        assert {e.msgid for e in catalogue(language)} >= extracted - {PLANTED}, language


def test_the_catalogue_check_finds_an_empty_a_fuzzy_and_a_half_translated_message():
    planted = parse_po(
        '#: a.py:1\nmsgid "Done"\nmsgstr "Ferdig"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        '#, fuzzy, python-format\nmsgid "Guessed %(n)s"\nmsgstr "Gjettet %(n)s"\n\n'
        'msgid "%(n)s entry"\nmsgid_plural "%(n)s entries"\nmsgstr[0] "%(n)s innlegg"\n'
        'msgstr[1] ""\n\n'
        'msgid ""\n"Two "\n"lines"\nmsgstr ""\n"To "\n"linjer"\n\n'
        '#~ msgid "Old"\n#~ msgstr ""\n'
    )
    assert [entry.msgid for entry in planted] == [
        "Done", "Empty", "Guessed %(n)s", "%(n)s entry", "Two lines"
    ]  # fmt: skip
    assert gaps(planted) == ["Empty", "Guessed %(n)s", "%(n)s entry"]
