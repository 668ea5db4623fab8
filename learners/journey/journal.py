"""The reflection journal: autosaved entries, sharing with a supervisor, comments, export."""

import math

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
from courses.models import ModulePage, ProgrammePage
from learners.cohorts.models import Supervision

from .models import JournalComment, JournalEntry, ModuleProgress

MAX_TEXT = MAX_LENGTH  # what cms.markdown formats; a worksheet's cells together too
MAX_LOG_ROWS = 200
WORKSHEET_TYPES = ("worksheet", "log", "sequence", "rating_wheel")


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
        if block.id == block_id and block.block_type in ("reflection", *WORKSHEET_TYPES):
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
            learner=learner, module=module
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
    """A worksheet or log of ``module`` as a blank PDF to print and hand out: the title,
    the instructions and empty cells (a log gets twelve empty rows). Raises Http404 for a
    block that is not a worksheet of the module."""
    block = prompt_block(module, block_id)
    if block is None or block.block_type not in WORKSHEET_TYPES:
        raise Http404
    html = render_to_string(
        "learners/journal/blank_worksheet_pdf.html",
        {"module": module, "block": block, "log_numbers": range(1, 13)},
    )
    return html_to_pdf(html)


def log_rows(block, entry) -> list[dict]:
    """The rows a repeating log shows: every numbered row the learner has filled, then one
    empty row to write the next one in (``{"number": n, "cells": [(key, column, text)]}``)."""
    cells = entry.cells if entry else {}
    filled = sorted({int(key.split("|", 1)[0]) for key in cells})
    numbers = [*filled, (filled[-1] if filled else 0) + 1]
    return [
        {
            "number": number,
            "cells": [
                (f"{number}|{column}", column, cells.get(f"{number}|{column}", ""))
                for column in block.value["columns"]
            ],
        }
        for number in numbers[:MAX_LOG_ROWS]
    ]


def _clean_ratings(block, cells: dict[str, str]) -> dict[str, str]:
    """A rating wheel's cells are its areas, each a whole number from 0 to the scale;
    empty ones are dropped."""
    if set(cells) - set(block.value["areas"]):
        raise JournalError(_("The worksheet has no such cell."))
    scale = block.value["scale"]
    clean = {}
    for area, value in cells.items():
        value = value.strip()
        if not value:
            continue
        if not value.isdigit() or not 0 <= int(value) <= scale:
            raise JournalError(
                _("Rate %(area)s with a whole number from 0 to %(scale)d.")
                % {"area": area, "scale": scale}
            )
        clean[area] = str(int(value))
    return clean


def wheel(block, entry) -> dict:
    """A rating wheel drawn from the learner's ratings: one wedge per area, as long as its
    rating, on rings for each step of the scale (an SVG in a 200 × 200 box). The table of
    number inputs is the non-visual form of the same data."""
    areas, scale = list(block.value["areas"]), block.value["scale"]
    cells = entry.cells if entry else {}
    centre, radius = 100.0, 90.0
    step = 2 * math.pi / len(areas)
    wedges, spokes = [], []
    for index, area in enumerate(areas):
        start, end = index * step - math.pi / 2, (index + 1) * step - math.pi / 2
        spokes.append(_point(centre, radius, start))
        rating = int(cells.get(area, 0) or 0)
        if rating:
            length = radius * rating / scale
            x0, y0 = _point(centre, length, start)
            x1, y1 = _point(centre, length, end)
            large = 1 if step > math.pi else 0
            wedges.append(
                f"M {centre:.1f} {centre:.1f} L {x0} {y0} "
                f"A {length:.1f} {length:.1f} 0 {large} 1 {x1} {y1} Z"
            )
    rings = [round(radius * n / scale, 1) for n in range(1, scale + 1)]
    return {"wedges": wedges, "spokes": spokes, "rings": rings, "centre": centre}


def _point(centre: float, length: float, angle: float) -> tuple[float, float]:
    return (
        round(centre + length * math.cos(angle), 1),
        round(centre + length * math.sin(angle), 1),
    )


def _clean_cells(block, cells: dict[str, str]) -> dict[str, str]:
    """A grid's cells are ``row|column``; a log's are ``n|column`` with rows numbered from
    1 to ``MAX_LOG_ROWS``; a sequence's are its steps. Empty cells are dropped."""
    if block.block_type == "rating_wheel":
        return _clean_ratings(block, cells)
    if block.block_type == "sequence":
        allowed = set(block.value["steps"])
    elif block.block_type == "log":
        allowed = {
            f"{number}|{column}"
            for number in range(1, MAX_LOG_ROWS + 1)
            for column in block.value["columns"]
        }
    else:
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
        if block.block_type in WORKSHEET_TYPES
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
