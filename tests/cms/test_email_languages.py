"""Every e-mail is written in each of the four languages: each template (subject and
body) is rendered in nb, da, de and en with a stand-in context, and no sentence of the
English message may be left in another language's."""

import re
from pathlib import Path

import pytest
from django.template import Context as DjangoContext
from django.template import Template
from django.template.loader import get_template
from django.utils import translation

from tests.template_text import ROOT, template_files

OTHER_LANGUAGES = ("nb", "da", "de")
STAND_IN = "Olanordmann"


class StandIn(int):
    """Any value a template asks for: a name, a number (2), an empty list. (Not callable:
    Django would wrap it as a function when it formats a number.)"""

    def __new__(cls):
        return super().__new__(cls, 2)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return StandIn()

    def __getitem__(self, key):
        return StandIn()

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0

    def __str__(self):
        return STAND_IN


def stand_in_context(template) -> dict:
    """A stand-in for every name the template's tags and variables use."""
    source = template.template.source if hasattr(template, "template") else template.source
    tags = " ".join(re.findall(r"{[{%](.*?)[%}]}", source))
    return {name: StandIn() for name in re.findall(r"\b[a-z_][a-z0-9_]*\b", tags)}


def e_mail_templates() -> list[str]:
    names = []
    for path in template_files():
        if path.name.endswith(("_subject.txt", "_body.txt")):
            relative = path.relative_to(ROOT).parts
            names.append("/".join(relative[relative.index("templates") + 1 :]))
    return sorted(names)


def render(template, language: str) -> str:
    with translation.override(language):
        context = stand_in_context(template)
        if isinstance(template, Template):
            return template.render(DjangoContext(context))
        return template.render(context)


def english_left(template, language: str) -> list[str]:
    """The sentences of the English rendering that the ``language`` rendering repeats."""
    other = render(template, language)
    sentences = re.split(r"(?<=[.:!?])\s+|\n+", render(template, "en"))
    return [
        sentence
        for sentence in (s.strip() for s in sentences)
        if len(re.findall(r"[^\W\d_]{2,}", sentence.replace(STAND_IN, ""))) >= 2
        and sentence in other
    ]


def test_there_are_e_mails_to_check():
    names = e_mail_templates()
    assert len(names) >= 20
    assert all(Path(name).name.replace("_subject", "_body") in " ".join(names) for name in names)


@pytest.mark.parametrize("name", e_mail_templates())
@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_each_e_mail_is_written_in_each_language(name, language):
    template = get_template(name)
    assert render(template, language).strip()
    assert english_left(template, language) == []


def test_the_check_finds_an_e_mail_sentence_no_catalogue_translates():
    planted = Template(
        "{% load i18n %}{% translate 'Read the entry and reply:' %}\n"
        "{% translate 'This sentence is in no catalogue at all.' %}\n{{ url }}"
    )
    assert english_left(planted, "de") == ["This sentence is in no catalogue at all."]
