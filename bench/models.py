"""The floor every page is measured against, and the record of the generated dataset."""

from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Page

from courses.blocks import ModuleBodyBlock


class FloorPage(Page):
    """A bare Wagtail page with a module's body and a minimal template: what serving that
    body costs the framework alone, with nothing of ours around it."""

    body = StreamField(ModuleBodyBlock(), blank=True)
    template = "bench/floor_page.html"


class Dataset(models.Model):
    """The generated dataset in this database: reused while the scale and the schema
    (the applied migrations) are the same."""

    scale = models.FloatField()
    schema = models.CharField(max_length=64)
    counts = models.JSONField(default=dict)
    seconds = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"scale {self.scale} ({self.created_at:%Y-%m-%d %H:%M})"
