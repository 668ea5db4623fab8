"""Thin views for an exam's own pages (routed in ``assessments.urls``, each called with
the exam page): check access, call a service, render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.markdown import render_markdown

from . import reports, services
from .models import Answer, Attempt, ExamPage
from .routes import exam_url

ATTEMPTS_PER_PAGE = 50


def _own_attempt(request, exam, attempt_id) -> Attempt:
    """A learner reaches only their own attempts; anyone else's is a 404."""
    return get_object_or_404(Attempt, pk=attempt_id, exam=exam, learner=request.user)


def question_items(answers, *, reveal: bool) -> list[dict]:
    """What the template shows of each answer. The key and explanation are included only
    when ``reveal`` is true, so they cannot leak into the HTML before then."""
    items = []
    for answer in answers:
        snapshot = answer.snapshot
        selected = set(answer.selected)
        choices = [
            {
                "index": index,
                "label": choice["text"] or (_("True") if choice["id"] == "true" else _("False")),
                "checked": choice["id"] in selected,
                "correct": choice["correct"] if reveal else None,
            }
            for index, choice in enumerate(snapshot["choices"])
        ]
        items.append(
            {
                "answer": answer,
                "html": render_markdown(snapshot["text"], heading_offset=2),
                "choices": choices,
                "multiple": snapshot["kind"] == "multiple",
                "explanation": render_markdown(snapshot["explanation"]) if reveal else "",
                "accepted": snapshot["accepted"] if reveal else [],
                "reveal": reveal,
            }
        )
    return items


def exam_overview(request, exam: ExamPage):
    services.close_expired_for(learner=request.user, exam=exam)
    attempts = list(Attempt.objects.filter(exam=exam, learner=request.user).order_by("number"))
    open_attempt = next((a for a in attempts if a.is_open), None)
    context = exam.get_context(request)
    context.update(
        {
            "attempts": attempts,
            "open_attempt": open_attempt,
            "problem": services.taking_problem(learner=request.user, exam=exam)
            if open_attempt
            else services.start_problem(exam=exam, learner=request.user),
            "start_url": exam_url(exam, "start", request=request),
            "attempt_urls": {
                a.pk: exam_url(exam, "attempt", request=request, attempt_id=a.pk) for a in attempts
            },
            "may_grade": services.may_grade_exam(user=request.user, exam=exam),
            "may_report": services.can_see_reports(user=request.user, exam=exam),
            "grading_url": exam_url(exam, "grading_queue", request=request),
            "report_url": exam_url(exam, "report", request=request),
        }
    )
    return TemplateResponse(request, "assessments/exam_page.html", context)


@require_POST
def start(request, exam: ExamPage):
    try:
        attempt = services.start_attempt(exam=exam, learner=request.user)
    except services.ExamRuleError as refusal:
        messages.error(request, refusal.message)
        return redirect(exam.get_url(request))
    return redirect(exam_url(exam, "attempt", request=request, attempt_id=attempt.pk))


def attempt(request, exam: ExamPage, attempt_id: int):
    attempt = _own_attempt(request, exam, attempt_id)
    services.close_if_expired(attempt)
    answers = list(attempt.answers.all())
    if not attempt.is_open:
        reveal = services.feedback_visible(attempt=attempt)
        return TemplateResponse(
            request,
            "assessments/attempt_result.html",
            {"page": exam, "attempt": attempt, "items": question_items(answers, reveal=reveal),
             "reveal": reveal, "exam_url": exam.get_url(request)},
        )  # fmt: skip
    problem = services.taking_problem(learner=request.user, exam=exam)
    if problem:  # an open attempt the learner may no longer work on
        messages.error(request, problem.message)
        return redirect(exam.get_url(request))
    shown = answers
    position = None
    if exam.layout == ExamPage.Layout.ONE_PER_PAGE and answers:
        try:
            position = min(max(int(request.GET.get("q", 1)), 1), len(answers))
        except ValueError:
            position = 1
        shown = [answers[position - 1]]
    return TemplateResponse(
        request,
        "assessments/attempt.html",
        {
            "page": exam,
            "attempt": attempt,
            "items": question_items(shown, reveal=False),
            "all_answers": answers,
            "position": position,
            "answer_url": exam_url(exam, "answer", request=request, attempt_id=attempt.pk),
            "submit_url": exam_url(exam, "submit", request=request, attempt_id=attempt.pk),
            "attempt_url": exam_url(exam, "attempt", request=request, attempt_id=attempt.pk),
            "now": timezone.now(),
        },
    )


@require_POST
def answer(request, exam: ExamPage, attempt_id: int):
    attempt = _own_attempt(request, exam, attempt_id)
    attempt_url = exam_url(exam, "attempt", request=request, attempt_id=attempt.pk)
    try:
        saved = services.save_answer(
            attempt=attempt, question_id=request.POST.get("question"), data=request.POST
        )
    except (services.QuestionNotInAttempt, services.InvalidAnswer) as refusal:
        return HttpResponseBadRequest(str(refusal.message))
    except services.AttemptClosed as refusal:
        return _refused(request, refusal, attempt_url)
    except services.ExamRuleError as refusal:  # withdrawn, or the module is locked
        return _refused(request, refusal, exam.get_url(request))
    if request.htmx:
        context = {
            "item": question_items([saved], reveal=False)[0],
            "answer_url": exam_url(exam, "answer", request=request, attempt_id=attempt.pk),
            "saved": True,
            "position": request.POST.get("position"),
        }
        return TemplateResponse(request, "assessments/attempt.html#question", context)
    next_position = request.POST.get("next")
    if next_position and next_position.isdigit():
        return redirect(f"{attempt_url}?q={next_position}")
    messages.success(request, _("Answer saved."))
    return redirect(f"{attempt_url}#q-{saved.position}")


@require_POST
def submit(request, exam: ExamPage, attempt_id: int):
    attempt = _own_attempt(request, exam, attempt_id)
    try:
        services.submit_attempt(attempt=attempt, actor=request.user)
    except services.ExamRuleError as refusal:
        return _refused(request, refusal, exam.get_url(request))
    return redirect(exam_url(exam, "attempt", request=request, attempt_id=attempt.pk))


def _refused(request, refusal, to: str):
    """Say why nothing was saved and go to ``to`` (htmx: 409 with a full-page redirect)."""
    messages.error(request, refusal.message)
    if request.htmx:
        response = HttpResponse(status=409)
        response["HX-Redirect"] = to
        return response
    return redirect(to)


def _require_grader(request, exam):
    if not services.may_grade_exam(user=request.user, exam=exam):
        raise Http404


def grading_queue(request, exam: ExamPage):
    _require_grader(request, exam)
    answers = list(services.grading_queue(grader=request.user, exam=exam))
    rows = [(a, exam_url(exam, "grade", request=request, answer_id=a.pk)) for a in answers]
    return TemplateResponse(
        request,
        "assessments/grading_queue.html",
        {"page": exam, "rows": rows, "exam_url": exam.get_url(request)},
    )


def grade(request, exam: ExamPage, answer_id: int):
    _require_grader(request, exam)
    answer = get_object_or_404(
        Answer.objects.select_related("attempt__learner"),
        pk=answer_id,
        attempt__exam=exam,
        attempt__in=services.gradable_attempts(request.user),
    )
    error = None
    if request.method == "POST":
        try:
            services.grade_answer(
                answer=answer,
                grader=request.user,
                points=request.POST.get("points", ""),
                feedback=request.POST.get("feedback", ""),
            )
        except services.ExamRuleError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Grade saved."))
            return redirect(exam_url(exam, "grading_queue", request=request))
    return TemplateResponse(
        request,
        "assessments/grade_answer.html",
        {
            "page": exam,
            "answer": answer,
            "question_html": render_markdown(answer.snapshot["text"], heading_offset=1),
            "rubric_html": render_markdown(answer.snapshot["rubric"], heading_offset=1),
            "error": error,
            "queue_url": exam_url(exam, "grading_queue", request=request),
            "values": request.POST if request.method == "POST" else {},
        },
        status=400 if error else 200,
    )


def _require_lead(request, exam):
    if not services.can_see_reports(user=request.user, exam=exam):
        raise Http404


def report(request, exam: ExamPage):
    _require_lead(request, exam)
    attempts = Paginator(reports.attempts_for_report(exam), ATTEMPTS_PER_PAGE)
    return TemplateResponse(
        request,
        "assessments/report.html",
        {
            "page": exam,
            "attempts": attempts.get_page(request.GET.get("page")),
            "distribution": reports.score_distribution(exam),
            "items": reports.item_analysis(exam),
            "csv_url": exam_url(exam, "report_csv", request=request),
            "regrade_url": exam_url(exam, "regrade", request=request),
            "exam_url": exam.get_url(request),
        },
    )


def report_csv(request, exam: ExamPage):
    _require_lead(request, exam)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exam.slug}-attempts.csv"'
    reports.write_csv(reports.attempts_for_report(exam), response)
    return response


@require_POST
def regrade(request, exam: ExamPage):
    _require_lead(request, exam)
    result = services.regrade_exam(exam=exam, actor=request.user)
    messages.success(
        request,
        _("%(attempts)s attempts scored again; %(changed)s results changed.")
        % {"attempts": result.attempts, "changed": len(result.changed)},
    )
    return redirect(exam_url(exam, "report", request=request))
