"""Views for cohort reports, their exports and the organisation view.
Each: check who may see it (a 404 otherwise), parse, call the domain, render."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
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


# The matrix shows this many learners at a time; totals and charts describe them all.
ROWS_PER_PAGE = 50


def _chosen_row(page, learner):
    """The row whose dates were asked for (``?learner=``), if it is on this page."""
    learner_id = parse_id(learner or "")
    return next((row for row in page.object_list if row.learner.pk == learner_id), None)


def _query_without(request, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


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
    page = Paginator(report.rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    chosen = _chosen_row(page, request.GET.get("learner"))
    context = {
        "cohort": cohort,
        "report": report,
        "page": page,
        "chosen": chosen,
        "chosen_cells": list(zip(report.modules, chosen.cells, strict=True)) if chosen else [],
        "query_without_learner": _query_without(request, "learner"),
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
        # Written to a temporary file and sent from it in chunks, never held whole.
        return FileResponse(
            export.write_xlsx(report),
            as_attachment=True,
            filename=f"{name}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response = StreamingHttpResponse(
        export.csv_lines(report), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@require_GET
def organisation(request, organisation_id):
    org = get_object_or_404(cohorts.visible_organisations(request.user), pk=organisation_id)
    context = {"organisation": org, **organisation_overview(org)}
    return render(request, "learners/cohorts/organisation.html", context)
