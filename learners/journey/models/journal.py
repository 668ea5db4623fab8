"""The reflection journal: private entries answering a module's prompts and worksheets."""

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from courses.models import ProgrammePage


def programme_language(module_path: str) -> Subquery:
    """The language of the programme of the module at ``module_path`` (a lookup from the
    query's model), for an annotation: the programme is the page whose path is the
    module's without its last step."""
    path = OuterRef(module_path)
    programme = ProgrammePage.objects.filter(path=Substr(path, 1, Length(path) - Page.steplen))
    return Subquery(programme.values("language")[:1])


class JournalEntryQuerySet(models.QuerySet):
    def of(self, learner):
        return self.filter(learner=learner)

    def shared(self):
        return self.filter(shared_at__isnull=False)

    def with_language(self):
        """Each entry's ``content_language``: its programme's (no query per entry)."""
        return self.annotate(content_language=programme_language("module__path"))


class JournalEntry(models.Model):
    """One learner's answer to one reflection prompt or worksheet block of a module.

    Private unless the learner shares it; only then can their active supervisor read and
    comment on it. A worksheet entry keeps its cells as a ``{"row|column": text}`` map.
    """

    class Kind(models.TextChoices):
        REFLECTION = "reflection", _("Reflection")
        WORKSHEET = "worksheet", _("Worksheet")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="journal_entries",
        verbose_name=_("learner"),
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        on_delete=models.PROTECT,
        related_name="journal_entries",
        verbose_name=_("module"),
    )
    block_id = models.CharField(_("prompt"), max_length=64)
    prompt_title = models.CharField(_("prompt title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("text"), blank=True, help_text=_("Markdown"))
    cells = models.JSONField(_("cells"), default=dict, blank=True)
    client_seq = models.BigIntegerField(
        default=0, help_text=_("Autosave counter: an older save never overwrites a newer one")
    )
    shared_at = models.DateTimeField(_("shared with supervisor"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)

    objects = JournalEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "module", "block_id"], name="one_entry_per_prompt"
            )
        ]

    def __str__(self) -> str:
        return self.prompt_title

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None


class JournalComment(models.Model):
    """A supervisor's comment on an entry the learner shared."""

    entry = models.ForeignKey(
        JournalEntry, on_delete=models.CASCADE, related_name="comments", verbose_name=_("entry")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"), help_text=_("Markdown"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("journal comment")
        verbose_name_plural = _("journal comments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.author} on {self.entry}"
