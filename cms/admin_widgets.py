"""Wagtail admin widgets whose labels follow the reader's language."""

from django.db import models
from django.utils.functional import lazy
from django.utils.text import capfirst, format_lazy
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import AbstractPage, Page

capfirst_lazy = lazy(capfirst, str)


class PageChooser(AdminPageChooser):
    """Wagtail's page chooser, whose label ("Choose a page (Programme)") is put together
    when it is shown. Wagtail joins it into a plain string when the widget is made, once
    per form class, so every reader saw it in the language of the first request (a
    Norwegian "Velg en side (Program)" in the English, German and Danish admin)."""

    def __init__(self, target_models=None, **kwargs):
        super().__init__(target_models=target_models, **kwargs)
        label = AdminPageChooser.choose_one_text
        if len(self.target_models) == 1 and self.target_models[0] is not Page:
            name = capfirst_lazy(self.target_models[0]._meta.verbose_name)
            label = format_lazy("{} ({})", label, name)
        self.choose_one_text = label


def register() -> None:
    """Use ``PageChooser`` wherever the admin chooses a page (called from ``ready()``)."""
    register_form_field_override(
        models.ForeignKey,
        to=AbstractPage,
        override=lambda db_field: {
            "widget": PageChooser(target_models=[db_field.remote_field.model])
        },
    )
