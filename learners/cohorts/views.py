"""Views for facilitated sessions: the attendance register and the iCalendar feeds.
Each: check who may see it (a 404 otherwise), parse, call the domain, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cms.converters import parse_id

from . import sessions
from .models import Attendance, Session


@login_required
@require_http_methods(["GET", "POST"])
def session_register(request, session_id):
    session = get_object_or_404(
        Session.objects.select_related("cohort__programme", "module"), pk=session_id
    )
    if not sessions.may_take_register(request.user, session):
        raise Http404
    if request.method == "POST":
        members = {member.pk: member for member, _a in sessions.register(session)}
        one = request.POST.get("learner")
        if one:  # one row (htmx): it must be a member's id, else nothing is saved
            learner = members.get(parse_id(one))
            if learner is None:
                raise Http404
            chosen = [learner]
        else:
            chosen = list(members.values())
        for learner in chosen:
            status = request.POST.get(f"status-{learner.pk}")
            if status in Attendance.Status.values:
                sessions.record_attendance(
                    session=session, learner=learner, status=status, actor=request.user
                )
        if request.htmx and one:
            row = (learner, session.attendance.filter(learner=learner).first())
            context = {"session": session, "row": row, "statuses": Attendance.Status.choices}
            return render(request, "learners/sessions/register.html#register-row", context)
        messages.success(request, _("Attendance saved."))
        return redirect("learners:session-register", session_id=session.pk)
    context = {
        "session": session,
        "rows": sessions.register(session),
        "statuses": Attendance.Status.choices,
    }
    return render(request, "learners/sessions/register.html", context)


def _ics_response(request, items, name):
    body = sessions.to_ics(
        items,
        domain=request.get_host().split(":")[0] or "praksis",
        url_for=lambda s: request.build_absolute_uri(s.module.url or "/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


@login_required
@require_GET
def session_ics(request, session_id):
    session = get_object_or_404(
        sessions.visible_sessions(request.user).select_related("module"), pk=session_id
    )
    return _ics_response(request, [session], f"session-{session.pk}")


@login_required
@require_GET
def my_sessions_ics(request):
    mine = Session.objects.for_member(request.user).select_related("module")
    return _ics_response(request, mine, "praksis-sessions")
