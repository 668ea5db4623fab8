"""No template shows text outside {% translate %} / {% blocktranslate %}."""

import pytest

from tests.template_text import check_source, check_templates, template_files


def test_the_checker_reads_every_template_of_the_project():
    names = {str(path) for path in template_files()}
    assert len(names) > 100
    assert any(name.endswith("templates/base.html") for name in names)
    assert any(name.endswith("_subject.txt") for name in names)  # e-mails too


def test_no_template_shows_untranslated_text():
    findings = check_templates()
    assert not findings, "\n".join(map(str, findings))


@pytest.mark.parametrize(
    "source",
    [
        "<p>Save your work</p>",
        '<img src="x.png" alt="A person writing">',
        '<input type="submit" value="Send">',
        '<a href="/" title="Front page">{% translate "Home" %}</a>',
        "<button aria-label='Close menu'>×</button>",
        "{% if x %}<h2>Results</h2>{% endif %}",
    ],
)
def test_it_finds_planted_text_in_html(source):
    assert check_source("{% load i18n %}" + source, "planted.html")


def test_it_finds_planted_text_in_a_plain_text_e_mail():
    source = '{% load i18n %}{% translate "Hello" %}\n\nSee you soon\n{{ url }}'
    assert check_source(source, "planted_body.txt")


@pytest.mark.parametrize(
    "source",
    [
        '{% translate "Save your work" %}',
        "{% blocktranslate with n=name %}Hello {{ n }}, welcome{% endblocktranslate %}",
        "{% comment %}Not shown to anyone{% endcomment %}<p>{{ text }}</p>",
        "<script>let words = 'not read';</script><style>p { color: red }</style>",
        '<h{{ level }} class="title">{{ title }}</h{{ level }}>',
        "<p>{{ count }} · PDF · CSV</p>",
    ],
)
def test_it_accepts_translated_hidden_and_untranslatable_text(source):
    assert check_source("{% load i18n %}" + source, "fine.html") == []
