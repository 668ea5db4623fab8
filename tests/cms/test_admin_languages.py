"""The Wagtail admin in each of the four languages: Danish is offered (Wagtail leaves it
out by default), and labels Wagtail puts together follow the reader's language."""

from django.forms import modelform_factory
from django.utils import translation
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.localization import get_available_admin_languages

from learners.models import PracticeCategory


def test_the_admin_offers_our_four_languages():
    assert [code for code, _name in get_available_admin_languages()] == ["nb", "da", "de", "en"]


def test_a_page_chooser_reads_in_the_language_of_whoever_opens_it():
    with translation.override("nb"):  # the form class is made once, in the first request
        form = modelform_factory(PracticeCategory, form=WagtailAdminModelForm, fields=["programme"])
    widget = form.base_fields["programme"].widget
    expected = {"nb": "Velg en side (Program)", "en": "Choose a page (Programme)",
                "de": "Seite auswählen (Programm)", "da": "Vælg en side (Program)"}  # fmt: skip
    for language, label in expected.items():
        with translation.override(language):
            assert str(widget.choose_one_text) == label
