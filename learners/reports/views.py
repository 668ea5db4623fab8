"""Views for cohort reports, their exports and the organisation view.
Each: check who may see it (a 404 otherwise), parse, call the domain, render."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from cms.converters import parse_id
from learners.cohorts import access as cohorts
from learners.cohorts.models import Cohort

from . import charts, export
from . import report as reports
from .organisation import organisation_overview


def _cohort(request, cohort_id) -> Cohort:
    queryset = cohorts.visible_cohorts(request.user).select_related(
        "programme", "organisation", "lead"
    )
    return get_object_or_404(queryset, pk=cohort_id)


def _report(request, cohort):
    department = request.GET.get("department", "")
    status = request.GET.get("status", "")
    sort = request.GET.get("sort", "name")
    return reports.build_report(
        cohort,
        department=parse_id(department),
        status=status if status in reports.OVERALL else "",
        sort=sort if sort in reports.SORTS else "name",
    )


@login_required
@require_GET
def cohort_list(request):
    visible = cohorts.visible_cohorts(request.user).select_related("programme", "organisation")
    return render(request, "learners/cohorts/list.html", {"cohorts": visible})


@login_required
@require_GET
def cohort_report(request, cohort_id):
    cohort = _cohort(request, cohort_id)
    report = _report(request, cohort)
    context = {
        "cohort": cohort,
        "report": report,
        "line": charts.line_chart(report.timeline),
        "bars": charts.bar_chart(report.totals),
        "status_choices": [(key, reports.STATUS_LABELS[key]) for key in reports.OVERALL],
        "sessions": cohort.sessions.select_related("module").order_by("-starts_at")[:20],
        "manages": cohorts.manages_cohort(request.user, cohort),
        "query": request.GET.urlencode(),
    }
    return render(request, "learners/cohorts/report.html", context)


@login_required
@require_GET
def cohort_export(request, cohort_id):
    cohort = _cohort(request, cohort_id)
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    report = _report(request, cohort)
    name = f"cohort-{cohort.pk}-report"
    if fmt == "xlsx":
        response = HttpResponse(
            export.write_xlsx(report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so spreadsheet programs read UTF-8
        export.write_csv(report, response)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@require_GET
def organisation(request, organisation_id):
    org = get_object_or_404(cohorts.visible_organisations(request.user), pk=organisation_id)
    context = {"organisation": org, **organisation_overview(org)}
    return render(request, "learners/cohorts/organisation.html", context)
