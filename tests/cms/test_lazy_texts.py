"""Help texts and choices of models and forms are translated when they are shown, in
the reader's language: lazy (gettext_lazy), never a plain string fixed at import, and
Django's empty choice reads in every language."""

import importlib
import inspect
import pkgutil

from django import forms
from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

from learners.hours.forms import HoursEntryForm
from learners.models import HoursEntry

PROJECT_APPS = ("cms", "courses", "learners", "assessments")


def _fixed(text) -> bool:
    return (
        isinstance(text, str) and not isinstance(text, Promise) and any(c.isalpha() for c in text)
    )


def fixed_texts(owner: str, fields: dict) -> list[str]:
    """The help texts and choice labels among ``fields`` (name -> model or form field)
    that are plain strings."""
    found = []
    for name, field in fields.items():
        if _fixed(getattr(field, "help_text", "")):
            found.append(f"{owner}.{name} help_text {field.help_text!r}")
        if hasattr(field, "queryset"):
            continue  # model choices: data, not interface text
        for label in _labels(getattr(field, "choices", None) or []):
            if _fixed(label):
                found.append(f"{owner}.{name} choice {label!r}")
    return found


def _labels(choices):
    """The labels of ``choices``, groups opened (a group's name is a label too)."""
    for _value, label in choices:
        if isinstance(label, (list, tuple)):
            yield _value
            yield from _labels(label)
        else:
            yield label


def project_form_classes():
    for package in PROJECT_APPS:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if info.name.rsplit(".", 1)[-1].startswith(("forms", "views")) or ".forms" in info.name:
                loaded = importlib.import_module(info.name)
                for _name, cls in inspect.getmembers(loaded, inspect.isclass):
                    if issubclass(cls, forms.BaseForm) and cls.__module__ == loaded.__name__:
                        yield cls


def test_model_help_texts_and_choices_are_lazy():
    found = []
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            fields = {f.name: f for f in model._meta.get_fields() if isinstance(f, models.Field)}
            found += fixed_texts(model.__name__, fields)
    assert found == []


def test_form_help_texts_and_choices_are_lazy():
    classes = list(project_form_classes())
    assert HoursEntryForm in classes
    found = []
    for cls in classes:
        found += fixed_texts(cls.__name__, cls.base_fields)
    assert found == []


def test_the_check_finds_a_fixed_help_text_and_a_fixed_choice():
    class Planted(forms.Form):
        kind = forms.ChoiceField(choices=[("a", "Apples")], help_text="Pick one")

    assert fixed_texts("Planted", Planted.base_fields) == [
        "Planted.kind help_text 'Pick one'",
        "Planted.kind choice 'Apples'",
    ]


def test_the_empty_choice_reads_in_every_language():
    field = HoursEntry._meta.get_field("supervision_type")
    expected = {"nb": "- Velg et alternativ -", "da": "- Vælg en valgmulighed -",
                "de": "- Option auswählen -", "en": "- Select an option -"}  # fmt: skip
    for language, label in expected.items():
        with translation.override(language):
            assert str(field.formfield().choices[0][1]) == label
