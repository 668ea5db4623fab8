"""What stands between a learner and a module's material: enrolment, prerequisites and
the content note. Enforced on the server, so a direct URL does not get round it."""

from django.shortcuts import render
from django.template.response import TemplateResponse

from cms.access import ADMINISTRATORS, PROGRAMME_LEADS, role_names
from courses.models import ModulePage
from courses.translation import canonical, in_language

from . import progress, required, signoff
from .models import JournalEntry, ModuleProgress


def is_author(request, module: ModulePage) -> bool:
    """Whether the user may edit this module (asked once per request). Page permissions
    are granted to administrators and programme leads only (``cms.roles``), so anyone
    else — every learner and supervisor — is no author, known from the roles the request
    has read already, without asking Wagtail's page permissions."""
    if not hasattr(request, "_praksis_is_author"):
        user = request.user
        may_edit_pages = user.is_superuser or role_names(user) & {ADMINISTRATORS, PROGRAMME_LEADS}
        request._praksis_is_author = bool(may_edit_pages) and (
            module.permissions_for_user(user).can_edit()
        )
    return request._praksis_is_author


def gate_module(request, module: ModulePage):
    """Return the page to show instead of the module, or None to show the module.

    Authors who may edit the page read it as it is, without gates or progress.
    """
    user = request.user
    if is_author(request, module):
        return None
    programme = module.programme
    enrolment = progress.active_enrolment(learner=user, programme=programme)
    if enrolment is None:
        context = {"page": module, "programme": programme}
        return render(request, "courses/module_not_enrolled.html", context)
    missing = progress.missing_prerequisites(learner=user, module=module)
    if missing:
        # Named in the language of the page the learner is reading.
        language = module.locale.language_code
        missing = in_language(missing, language)
        path = progress.prerequisite_path(learner=user, module=module)
        shown = in_language([step for step, _open in path], language)
        path = [(page, open_now) for page, (_step, open_now) in zip(shown, path, strict=True)]
        context = {"page": module, "programme": programme, "missing": missing, "path": path}
        return render(request, "courses/module_locked.html", context)
    # The learner's progress on the module, read once: for the content note, for the
    # view, and for the page (``module_context``).
    stored = ModuleProgress.objects.filter(learner=user, module=canonical(module)).first()
    notes = module.content_notes()
    if notes:
        seen = stored is not None and stored.content_note_seen_at is not None
        if not seen and request.GET.get("continue") != "1":
            context = {"page": module, "programme": programme, "notes": notes}
            return TemplateResponse(request, "courses/module_content_note.html", context)
        if not seen:
            stored = progress.acknowledge_content_note(learner=user, module=module)
    request._praksis_progress = progress.record_view(learner=user, module=module, seen=stored)
    return None


def module_context(request, module: ModulePage) -> dict:
    """The learner's own state on the module page: progress and journal entries (kept on
    the source module, so they are the same in every language)."""
    user = request.user
    if not user.is_authenticated:
        return {}
    source = canonical(module)
    entries = JournalEntry.objects.filter(learner=user, module=source)
    seen = getattr(request, "_praksis_progress", None)
    if seen is None or seen.module_id != source.pk:
        seen = ModuleProgress.objects.filter(learner=user, module=source).first()
    return {
        "progress": seen,
        "journal_entries": {entry.block_id: entry for entry in entries},
        "studying": not is_author(request, module),
        # A module for a role the learner does not hold (``required``); a query only then.
        "optional_for_me": bool(module.for_role)
        and not module.required_of(required.roles_for(learner=user, module=module)),
        # The learner's latest request for a leader's sign-off; a query only then.
        "signoff": signoff.latest(learner=user, module=source) if signoff.needed(module) else None,
    }
