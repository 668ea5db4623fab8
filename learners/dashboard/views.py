"""The dashboard: what each person has to do, composed from the rooms below."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from learners.certification import eligibility
from learners.journey import journal, progress
from learners.journey.models import JournalComment, JournalEntry


@login_required
@require_GET
def dashboard(request):
    user = request.user
    standings = progress.standings(user)
    checklists = eligibility.snapshots(user, [s.enrolment.programme_id for s in standings])
    for standing in standings:
        standing.certification = checklists.get(standing.enrolment.programme_id)
    context = {
        "standings": standings,
        "recent_entries": JournalEntry.objects.of(user).select_related("module")[:5],
        "new_comments": JournalComment.objects.filter(entry__learner=user)
        .exclude(author=user)
        .select_related("entry", "author")
        .order_by("-created_at")[:5],
        "waiting_for_comment": journal.shared_with(user).exclude(comments__author=user).count(),
    }
    return render(request, "learners/dashboard.html", context)
