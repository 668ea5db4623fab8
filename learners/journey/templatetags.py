"""The learner's own state on programme and module pages, as template tags, so the page
models in ``courses`` know nothing of learners. Loaded with ``{% load journey %}``
(``learners/templatetags/journey.py`` registers this library)."""

from django import template

from . import journal, worksheets
from .gate import module_context
from .progress import programme_context

register = template.Library()


@register.simple_tag(takes_context=True)
def programme_standing(context, programme, modules) -> dict:
    """``{% programme_standing page modules as standing %}``: the enrolment, completed
    modules and next step of the person viewing a programme page."""
    return programme_context(user=context["request"].user, programme=programme, modules=modules)


@register.simple_tag(takes_context=True)
def module_standing(context, module) -> dict:
    """``{% module_standing page as standing %}``: the viewer's progress and journal
    entries on a module page, and whether they study it (authors read it as it is)."""
    return module_context(context["request"], module)


@register.filter
def is_skipped(block_id: str, progress) -> bool:
    """``block.id|is_skipped:standing.progress``: the learner chose to skip this optional
    reflection."""
    return bool(progress) and block_id in (progress.skipped_prompts or [])


@register.filter
def log_rows(block, entry) -> list[dict]:
    """``block|log_rows:entry``: a repeating log's filled rows and one empty row."""
    return worksheets.log_rows(block, entry)


@register.filter
def rating_wheel(block, entry) -> dict:
    """``block|rating_wheel:entry``: the wedges, spokes and rings of a rating wheel."""
    return worksheets.wheel(block, entry)


@register.simple_tag
def ranked_places(block, entry, moved=0, direction="") -> list[dict]:
    """``{% ranked_places block entry moved direction as places %}``: a ranked list's
    places, the one just moved marked for focus."""
    return worksheets.ranked_places(block, entry, moved or 0, direction or "")


@register.simple_tag
def plan_choices() -> dict:
    """``{% plan_choices as plan %}``: a plan's columns and statuses, code → label."""
    return {"fields": worksheets.PLAN_FIELDS, "statuses": worksheets.PLAN_STATUSES}


@register.filter
def worksheet_lines(entry) -> list[tuple[str, str]]:
    """``entry|worksheet_lines``: a filled worksheet's (label, text) lines, in the order
    its worksheet asks for them."""
    block = journal.prompt_block(entry.module, entry.block_id)
    return worksheets.answer_lines(block, entry.cells)


@register.filter
def answers_in_journal(block) -> bool:
    """``block|answers_in_journal``: the learner answers this block (a reflection or a
    worksheet) in their journal, on the module page."""
    return block.block_type in worksheets.PROMPT_TYPES
