"""The reflection journal: autosaved entries, sharing with a supervisor, comments, export."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cms.audit import record
from cms.events import comment_added
from cms.languages import in_language_of
from cms.markdown import MAX_LENGTH, validate_markdown
from cms.pdf import html_to_pdf
from courses.blocks import WORKSHEET_BLOCKS
from courses.models import ModulePage, ProgrammePage
from courses.translation import canonical
from learners.cohorts.models import Supervision

from .models import JournalComment, JournalEntry, ModuleProgress
from .worksheets import PROMPT_TYPES, JournalError, clean_cells

__all__ = ["JournalError"]  # raised here, defined with the worksheets' rules

MAX_TEXT = MAX_LENGTH  # what cms.markdown formats; a worksheet's cells together too


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
        if block.id == block_id and block.block_type in PROMPT_TYPES:
            return block
    return None


def skip_prompt(*, learner, module: ModulePage, block_id: str, skip: bool) -> ModuleProgress:
    """Skip (or take up again) a reflection that assumes lived experience.

    Only a reflection its author marked *optional: assumes lived experience* may be
    skipped. Skipping keeps whatever the learner wrote, hides the answer box and never
    holds back completion (no completion rule asks for reflections).
    """
    block = prompt_block(module, block_id)
    if block is None or not block.value.get("optional_lived_experience"):
        raise JournalError(_("Only an optional reflection can be skipped."))
    with transaction.atomic():
        progress, _created = ModuleProgress.objects.select_for_update().get_or_create(
            learner=learner, module=canonical(module)
        )
        skipped = [item for item in progress.skipped_prompts if item != block_id]
        if skip:
            skipped.append(block_id)
        if skipped != progress.skipped_prompts:
            progress.skipped_prompts = skipped
            progress.save(update_fields=["skipped_prompts"])
            record(
                actor=learner,
                action="journal.prompt.skipped" if skip else "journal.prompt.resumed",
                target=module,
                block_id=block_id,
            )
    return progress


def blank_worksheet_pdf(*, module: ModulePage, block_id: str) -> bytes:
    """A worksheet of ``module`` as a blank PDF to print and hand out: the title, the
    instructions and empty cells (a log or plan gets twelve empty rows). Raises Http404
    for a block that is not a worksheet of the module."""
    block = prompt_block(module, block_id)
    if block is None or block.block_type not in WORKSHEET_BLOCKS:
        raise Http404
    html = render_to_string(
        "learners/journal/blank_worksheet_pdf.html",
        {"module": module, "block": block, "log_numbers": range(1, 13)},
    )
    return html_to_pdf(html)


def save_entry(
    *,
    learner,
    module: ModulePage,
    block_id: str,
    text: str = "",
    cells=None,
    seq: int = 0,
    move: str = "",
) -> JournalEntry:
    """Create or update the learner's answer to one prompt of one module (``move``:
    a ranked list's item moved up or down, ``"3:up"``, after its cells are saved).

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
        if block.block_type in WORKSHEET_BLOCKS
        else JournalEntry.Kind.REFLECTION
    )
    worksheet = kind == JournalEntry.Kind.WORKSHEET
    cleaned = clean_cells(block, cells or {}, move=move) if worksheet else {}
    for attempt in range(2):
        try:
            with transaction.atomic():
                entry, created = JournalEntry.objects.select_for_update().get_or_create(
                    learner=learner,
                    module=canonical(module),
                    block_id=block_id,
                    defaults={"prompt_title": block.value["title"], "kind": kind},
                )
                if seq and not created and seq <= entry.client_seq:
                    return entry
                entry.text = text
                entry.cells = cleaned
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
        comment_added.send(
            sender=JournalComment,
            entry=entry,
            comment=comment,
            author=author,
            others=comment_concerns(entry=entry, author=author),
        )
    return comment


def comment_concerns(*, entry: JournalEntry, author) -> list:
    """Whom a comment concerns besides its author: the entry's learner; when the learner
    replies, everyone else who has commented on the entry."""
    if author.pk != entry.learner_id:
        return [entry.learner]
    author_ids = entry.comments.exclude(author=author).values_list("author_id", flat=True)
    return list(get_user_model().objects.filter(pk__in=set(author_ids)))


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


JOURNAL_PDF = "journal-pdf"


def render_document(document, progress) -> bytes:
    """The owner's journal as a PDF, for ``cms.documents`` (in the background: a long
    journal takes seconds to lay out)."""
    progress(0, 1)
    return export_pdf(learner=document.owner)


def export_pdf(*, learner) -> bytes:
    """The same entries as a PDF, in the learner's language (it is only ever theirs);
    Markdown is sanitised, and WeasyPrint may fetch nothing but inline data."""
    entries = (
        JournalEntry.objects.of(learner)
        .select_related("module")
        .order_by("module__path", "created_at")
    )
    with in_language_of(learner):
        html = render_to_string(
            "learners/journal/export_pdf.html", {"learner": learner, "entries": entries}
        )
    return html_to_pdf(html)
