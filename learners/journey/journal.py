"""The reflection journal: autosaved entries, sharing with a supervisor, comments, export."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cms.audit import record
from cms.markdown import MAX_LENGTH, validate_markdown
from cms.pdf import html_to_pdf
from courses.models import ModulePage, ProgrammePage
from learners.cohorts.models import Supervision

from .models import JournalComment, JournalEntry

MAX_TEXT = MAX_LENGTH  # what cms.markdown formats; a worksheet's cells together too


class JournalError(Exception):
    """Raised with a sentence a person can read; nothing was saved."""


def _check_markdown(text: str) -> None:
    """Journal text and comments are Markdown: beyond ``cms.markdown``'s limits they are
    refused with the limit named (nothing is saved), never stored to be shown flattened."""
    try:
        validate_markdown(text)
    except ValidationError as error:
        raise JournalError(error.messages[0]) from None


def prompt_block(module: ModulePage, block_id: str):
    """The reflection or worksheet block ``block_id`` of ``module``, or None."""
    for block in module.body:
        if block.id == block_id and block.block_type in ("reflection", "worksheet"):
            return block
    return None


def _clean_cells(block, cells: dict[str, str]) -> dict[str, str]:
    allowed = {
        f"{row}|{column}" for row in block.value["rows"] for column in block.value["columns"]
    }
    unknown = set(cells) - allowed
    if unknown:
        raise JournalError(_("The worksheet has no such cell."))
    return {key: value for key, value in cells.items() if value.strip()}


def save_entry(
    *, learner, module: ModulePage, block_id: str, text: str = "", cells=None, seq: int = 0
) -> JournalEntry:
    """Create or update the learner's answer to one prompt of one module.

    Saves arrive from autosave while typing; ``seq`` rises with every keystroke batch, so a
    save that arrives late (lower ``seq``) never overwrites a newer one. A save without
    ``seq`` (a plain form post) always applies.
    """
    block = prompt_block(module, block_id)
    if block is None:
        raise JournalError(_("This prompt is not part of the module."))
    if len(text) > MAX_TEXT or sum(len(value) for value in (cells or {}).values()) > MAX_TEXT:
        raise JournalError(
            _("The text is too long (at most %(limit)s characters).")
            % {"limit": number_format(MAX_TEXT, force_grouping=True)}
        )
    _check_markdown(text)
    kind = (
        JournalEntry.Kind.WORKSHEET
        if block.block_type == "worksheet"
        else JournalEntry.Kind.REFLECTION
    )
    clean_cells = _clean_cells(block, cells or {}) if kind == JournalEntry.Kind.WORKSHEET else {}
    for attempt in range(2):
        try:
            with transaction.atomic():
                entry, created = JournalEntry.objects.select_for_update().get_or_create(
                    learner=learner,
                    module=module,
                    block_id=block_id,
                    defaults={"prompt_title": block.value["title"], "kind": kind},
                )
                if seq and not created and seq <= entry.client_seq:
                    return entry
                entry.text = text
                entry.cells = clean_cells
                entry.prompt_title = block.value["title"]
                entry.client_seq = max(seq, entry.client_seq)
                entry.save(
                    update_fields=["text", "cells", "prompt_title", "client_seq", "updated_at"]
                )
                return entry
        except IntegrityError:
            # Two first saves raced to create the entry; the second now finds it.
            if attempt:
                raise
    raise AssertionError("unreachable")


def share(*, entry: JournalEntry, learner, shared: bool) -> JournalEntry:
    """Only the author shares or unshares an entry; each change is audited."""
    if entry.learner_id != learner.pk:
        raise Http404
    if shared == entry.is_shared:
        return entry
    with transaction.atomic():
        entry.shared_at = timezone.now() if shared else None
        entry.save(update_fields=["shared_at"])
        record(
            actor=learner,
            action="journal.shared" if shared else "journal.unshared",
            target=entry,
        )
    return entry


def supervised_learner_ids(supervisor) -> QuerySet:
    return Supervision.objects.active().filter(supervisor=supervisor).values("learner_id")


def shared_with(supervisor) -> QuerySet:
    """Entries a supervisor may read: shared by a learner they actively supervise, in a
    module of the programme the supervision is for."""
    active = Supervision.objects.active().filter(supervisor=supervisor)
    condition = Q(pk__in=[])
    for learner_id, programme_path in active.values_list("learner_id", "programme__path"):
        condition |= Q(learner_id=learner_id, module__path__startswith=programme_path)
    return JournalEntry.objects.shared().filter(condition)


def visible_entry(*, user, pk: int) -> JournalEntry:
    """The entry if ``user`` wrote it or may read it as supervisor; 404 otherwise."""
    entry = (
        JournalEntry.objects.filter(pk=pk)
        .select_related("module", "learner")
        .filter(Q(learner=user) | Q(pk__in=shared_with(user).values("pk")))
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def add_comment(*, entry: JournalEntry, author, text: str) -> JournalComment:
    """A supervisor comments on an entry shared with them (the learner may reply)."""
    text = text.strip()
    if not text:
        raise JournalError(_("Write a comment first."))
    if len(text) > 10_000:
        raise JournalError(_("The comment is too long (at most 10,000 characters)."))
    _check_markdown(text)
    may = entry.learner_id == author.pk or shared_with(author).filter(pk=entry.pk).exists()
    if not may or not entry.is_shared:
        raise Http404
    with transaction.atomic():
        comment = JournalComment.objects.create(entry=entry, author=author, text=text)
        record(actor=author, action="journal.commented", target=entry, comment=comment.pk)
    return comment


def search(entries: QuerySet, *, query: str = "", programme_id: int | None = None) -> QuerySet:
    if query:
        entries = entries.filter(Q(text__icontains=query) | Q(prompt_title__icontains=query))
    if programme_id:
        programme = ProgrammePage.objects.filter(pk=programme_id).first()
        entries = (
            entries.filter(module__path__startswith=programme.path) if programme else entries.none()
        )
    return entries


def export_markdown(*, learner) -> str:
    """All of a learner's entries as one Markdown document, oldest module first."""
    entries = (
        JournalEntry.objects.of(learner)
        .select_related("module")
        .order_by("module__path", "created_at")
    )
    return render_to_string("learners/journal/export.md", {"learner": learner, "entries": entries})


def export_pdf(*, learner) -> bytes:
    """The same entries as a PDF; Markdown is sanitised, and WeasyPrint may fetch nothing
    but inline data."""
    entries = (
        JournalEntry.objects.of(learner)
        .select_related("module")
        .order_by("module__path", "created_at")
    )
    html = render_to_string(
        "learners/journal/export_pdf.html", {"learner": learner, "entries": entries}
    )
    return html_to_pdf(html)
