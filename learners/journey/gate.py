"""What stands between a learner and a module's material: enrolment, prerequisites and
the content note. Enforced on the server, so a direct URL does not get round it."""

from django.shortcuts import render
from django.template.response import TemplateResponse

from courses.models import ModulePage

from . import progress, required
from .models import JournalEntry, ModuleProgress


def is_author(request, module: ModulePage) -> bool:
    """Whether the user may edit this module (asked once per request)."""
    if not hasattr(request, "_praksis_is_author"):
        request._praksis_is_author = module.permissions_for_user(request.user).can_edit()
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
        path = progress.prerequisite_path(learner=user, module=module)
        context = {"page": module, "programme": programme, "missing": missing, "path": path}
        return render(request, "courses/module_locked.html", context)
    notes = module.content_notes()
    if notes:
        seen = ModuleProgress.objects.filter(
            learner=user, module=module, content_note_seen_at__isnull=False
        ).exists()
        if not seen and request.GET.get("continue") != "1":
            context = {"page": module, "programme": programme, "notes": notes}
            return TemplateResponse(request, "courses/module_content_note.html", context)
        if not seen:
            progress.acknowledge_content_note(learner=user, module=module)
    progress.record_view(learner=user, module=module)
    return None


def module_context(request, module: ModulePage) -> dict:
    """The learner's own state on the module page: progress and journal entries."""
    user = request.user
    if not user.is_authenticated:
        return {}
    entries = JournalEntry.objects.filter(learner=user, module=module)
    return {
        "progress": ModuleProgress.objects.filter(learner=user, module=module).first(),
        "journal_entries": {entry.block_id: entry for entry in entries},
        "studying": not is_author(request, module),
        # A module for a role the learner does not hold (``required``); a query only then.
        "optional_for_me": bool(module.for_role)
        and not module.required_of(required.roles_for(learner=user, module=module)),
    }
