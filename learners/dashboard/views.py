"""The dashboard: each person's home, with what each of their roles has to do, composed
from the rooms below (``work.py``)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from assessments.routes import exam_url
from learners.certification import eligibility
from learners.journey import standings as overview
from learners.journey.models import JournalComment, JournalEntry, programme_language
from learners.teamwork.access import member_cohorts

from . import work


@login_required
@require_GET
def dashboard(request):
    user = request.user
    roles = work.roles_of(user)
    standings = overview.standings(user)
    overview.in_reader_language(standings, request.LANGUAGE_CODE)
    checklists = eligibility.snapshots(user, [s.enrolment.programme_id for s in standings])
    for standing in standings:
        standing.certification = checklists.get(standing.enrolment.programme_id)
    # The navigation's counts, computed once for the menu and the supervisor's panel.
    counts = work.navigation_counts(user)
    context = {
        "work_counts": counts,
        "roles": roles,
        "standings": standings,
        "changes": work.changes_since(user, work.visit_since(request.session, user)),
        "recent_entries": JournalEntry.objects.of(user)
        .with_language()
        .select_related("module")[:5],
        "new_comments": JournalComment.objects.filter(entry__learner=user)
        .annotate(content_language=programme_language("entry__module__path"))
        .exclude(author=user)
        .select_related("entry", "author")
        .order_by("-created_at")[:5],
        "teams": member_cohorts(user),
    }
    context["signoffs"], context["more_signoffs"] = work.signoffs_waiting(user)
    if "supervisor" in roles:
        supervisor = work.supervisor_work(user, counts)
        supervisor.essays = [
            (exam, count, exam_url(exam, "grading_queue", request=request), language)
            for exam, count, language in supervisor.essays
        ]
        context["supervisor"] = supervisor
    if "mentor" in roles:
        mentor = work.mentor_work(user, with_essays="supervisor" not in roles)
        mentor.essays = [
            (exam, count, exam_url(exam, "grading_queue", request=request), language)
            for exam, count, language in mentor.essays
        ]
        context["mentor"] = mentor
    if "lead" in roles:
        context["lead"] = work.lead_work(user)
    if "administrator" in roles:
        context["administrator"] = work.administrator_work(user)
    if "organisation" in roles:
        context["organisations"] = list(work.organisations_of(user))
    return render(request, "learners/dashboard.html", context)
