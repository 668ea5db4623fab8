"""Every model that points at a person has export and erasure handling (cms.privacy), or
an explicit exemption with its reason. A new model with a link to the user model fails
here until its room registers it.

Direct links: every ``ForeignKey``/``OneToOneField`` to the user model, on any installed
model, including the tables behind many-to-many fields. Indirect links, one step: a model
whose rows are deleted with a person's own record (a cascading foreign key to a model
whose link to the person cascades, e.g. an attempt's answers) must be registered itself,
or named in the ``includes`` of that record's registration, or be exempt."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from cms.models import Notification
from cms.privacy import register, registry, user_links


def linked_models():
    return {
        model._meta.label: model
        for model in apps.get_models(include_auto_created=True)
        if user_links(model)
    }


def owned_by_a_person(model) -> bool:
    user_model = get_user_model()
    return any(
        field.related_model is user_model and field.remote_field.on_delete is models.CASCADE
        for field in model._meta.concrete_fields
        if field.many_to_one or field.one_to_one
    )


def test_every_model_linked_to_a_person_is_exported_and_erased_or_exempt():
    missing = sorted(
        label
        for label in linked_models()
        if label not in registry.handlers and label not in registry.exemptions
    )
    assert not missing, f"Register these in their room's privacy.py: {missing}"


def test_every_registration_exports_and_erases_or_says_why_its_rows_stay():
    for label, handler in registry.handlers.items():
        assert callable(handler.export), label
        assert callable(handler.erase) or len(handler.kept) > 20, label
    for label, reason in registry.exemptions.items():
        assert len(reason) > 20, label


def test_each_registration_answers_for_every_link_of_its_model():
    for label, model in linked_models().items():
        handler = registry.handlers.get(label)
        if handler is not None:
            assert handler.fields == user_links(model), label


def test_rows_deleted_with_a_persons_record_are_handled_with_it():
    included = {
        child._meta.label for handler in registry.handlers.values() for child in handler.includes
    }
    owned = {label for label, model in linked_models().items() if owned_by_a_person(model)}
    missing = []
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if label in registry.handlers or label in registry.exemptions or label in included:
            continue
        for field in model._meta.concrete_fields:
            if (
                field.many_to_one
                and field.remote_field.on_delete is models.CASCADE
                and field.related_model._meta.label in owned
                and field.related_model is not model
            ):
                missing.append(f"{label}.{field.name}")
    assert not missing, f"Export and erase these with their parent's registration: {missing}"


def test_the_registry_names_only_installed_models_and_the_rooms_documents():
    installed = {model._meta.label for model in apps.get_models(include_auto_created=True)}
    assert set(registry.handlers) <= installed
    assert set(registry.documents) == {"journal", "hours", "certificates"}


def test_a_model_cannot_be_registered_twice_or_without_erasure_or_reason():
    with pytest.raises(ImproperlyConfigured):
        register(Notification, export=list, erase=len)
    with pytest.raises(ImproperlyConfigured):
        register(Notification, export=list)
