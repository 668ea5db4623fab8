"""A cohort's record of consultations and NMT assessments: the list and a new record.
Members of the cohort and its leaders (the team pages' people, ``access.team_cohorts``)
see and add; anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import access, rules
from .forms import ConsultationForm
from .models import Consultation

PAGE_SIZE = 20


def _cohort(request, cohort_id):
    return get_object_or_404(access.team_cohorts(request.user), pk=cohort_id)


@login_required
@require_GET
def consultations(request, cohort_id):
    cohort = _cohort(request, cohort_id)
    records = (
        Consultation.objects.filter(cohort=cohort)
        .select_related("recorded_by")
        .prefetch_related("participants")
    )
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "learners/teamwork/consultations.html", {"cohort": cohort, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def add_consultation(request, cohort_id):
    cohort = _cohort(request, cohort_id)
    members = cohort.members.order_by("last_name", "first_name", "username")
    form = ConsultationForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        rules.record_consultation(cohort=cohort, author=request.user, **form.cleaned_data)
        messages.success(request, _("The consultation is recorded."))
        return redirect("learners:team-consultations", cohort_id=cohort.pk)
    context = {"cohort": cohort, "form": form}
    return render(request, "learners/teamwork/consultation_form.html", context)
