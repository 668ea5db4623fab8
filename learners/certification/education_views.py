"""External education: the learner records courses taken elsewhere and sees their
education hours; a supervisor of theirs or an administrator approves or returns them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cms.access import is_administrator
from cms.private_files import serve_private
from learners.cohorts.models import Supervision

from . import education
from .forms import DecisionForm, ExternalEducationForm
from .models import ExternalEducation


@login_required
def own(request):
    form = ExternalEducationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        entry.learner = request.user
        entry.save()
        messages.success(request, _("Recorded. It counts once it is approved."))
        return redirect("learners:education")
    context = {
        "form": form,
        "entries": ExternalEducation.objects.filter(learner=request.user),
        "hours": sorted(education.education_hours(request.user).items()),
    }
    return render(request, "learners/certificates/education.html", context)


@login_required
@require_GET
def waiting(request):
    user = request.user
    if not is_administrator(user) and not Supervision.objects.filter(supervisor=user).exists():
        raise Http404
    context = {"entries": education.waiting_for(user), "form": DecisionForm()}
    return render(request, "learners/certificates/education_approvals.html", context)


def _visible(request, pk) -> ExternalEducation:
    entry = get_object_or_404(ExternalEducation, pk=pk)
    if entry.learner_id != request.user.pk and not education.may_decide(request.user, entry):
        raise Http404
    return entry


@login_required
@require_POST
def decide(request, pk):
    entry = _visible(request, pk)
    if not education.may_decide(request.user, entry):
        raise Http404
    form = DecisionForm(request.POST)
    form.is_valid()
    try:
        education.decide(
            entry, by=request.user, approve=form.cleaned_data.get("approve", False),
            comment=form.cleaned_data.get("comment", ""),
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Decision saved."))
    return redirect("learners:education-approvals")


@login_required
@require_GET
def evidence(request, pk):
    entry = _visible(request, pk)
    if not entry.evidence:
        raise Http404
    return serve_private(request, entry.evidence, filename=f"course-{pk}")
