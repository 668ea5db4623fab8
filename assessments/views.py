"""Thin views for an exam's own pages (routed in ``assessments.urls``, each called with
the exam page): check access, call a service, render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cms.markdown import render_markdown

from . import reports, services
from .models import Answer, Attempt, ExamPage
from .routes import exam_url, shown_exam

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


def answered_status(answers, *, saved_at=None) -> str:
    """The exam's save status in words: when the answers were last saved (after a save)
    and how many questions are answered."""
    total = len(answers)
    answered = sum(1 for answer in answers if answer.is_answered)
    counted = ngettext(
        "%(answered)s of %(total)s question answered.",
        "%(answered)s of %(total)s questions answered.",
        total,
    ) % {"answered": answered, "total": total}
    if saved_at is None:
        return counted
    saved = _("Answers saved at %(time)s.") % {
        "time": timezone.localtime(saved_at).strftime("%H:%M")
    }
    return f"{saved} {counted}"


def _client_seq(request) -> int:
    """The autosave counter the page sends; anything that is not a plausible counter
    (negative, or beyond what a browser counts exactly) is a plain save."""
    try:
        seq = int(request.POST.get("seq") or 0)
    except ValueError:
        return 0
    return seq if 0 < seq < 2**53 else 0


def exam_overview(request, exam: ExamPage):
    services.close_expired_for(learner=request.user, exam=exam)
    attempts = list(Attempt.objects.filter(exam=exam, learner=request.user).order_by("number"))
    open_attempt = next((a for a in attempts if a.is_open), None)
    context = shown_exam(request, exam).get_context(request)
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
        attempt = services.start_attempt(
            exam=exam,
            learner=request.user,
            language=shown_exam(request, exam).locale.language_code,
        )
    except services.ExamRuleError as refusal:
        messages.error(request, refusal.message)
        return redirect(shown_exam(request, exam).get_url(request))
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
            {"page": shown_exam(request, exam), "attempt": attempt,
             "items": question_items(answers, reveal=reveal), "reveal": reveal,
             "exam_url": shown_exam(request, exam).get_url(request)},
        )  # fmt: skip
    problem = services.taking_problem(learner=request.user, exam=exam)
    if problem:  # an open attempt the learner may no longer work on
        messages.error(request, problem.message)
        return redirect(shown_exam(request, exam).get_url(request))
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
            "page": shown_exam(request, exam),
            "attempt": attempt,
            "items": question_items(shown, reveal=False),
            "all_answers": answers,
            "position": position,
            "answer_url": exam_url(exam, "answer", request=request, attempt_id=attempt.pk),
            "submit_url": exam_url(exam, "submit", request=request, attempt_id=attempt.pk),
            "attempt_url": exam_url(exam, "attempt", request=request, attempt_id=attempt.pk),
            "status_text": answered_status(answers),
            "now": timezone.now(),
        },
    )


@require_POST
def answer(request, exam: ExamPage, attempt_id: int):
    """Save every answer the form carries: the autosave (htmx) and the plain "Save
    answers" button without JavaScript."""
    attempt = _own_attempt(request, exam, attempt_id)
    attempt_url = exam_url(exam, "attempt", request=request, attempt_id=attempt.pk)
    try:
        answers = services.save_answers(
            attempt=attempt, data=request.POST, seq=_client_seq(request)
        )
    except (services.QuestionNotInAttempt, services.InvalidAnswer) as refusal:
        return HttpResponseBadRequest(str(refusal.message))
    except services.AttemptClosed as refusal:
        return _refused(request, refusal, attempt_url)
    except services.ExamRuleError as refusal:  # withdrawn, or the module is locked
        return _refused(request, refusal, shown_exam(request, exam).get_url(request))
    if request.htmx:
        status_text = answered_status(answers, saved_at=timezone.now())
        return TemplateResponse(
            request, "assessments/attempt_saved.html", {"status_text": status_text}
        )
    next_position = request.POST.get("next")
    if next_position and next_position.isdigit():
        return redirect(f"{attempt_url}?q={next_position}")
    messages.success(request, _("Answers saved."))
    position = request.POST.get("position", "")
    return redirect(f"{attempt_url}?q={position}" if position.isdigit() else attempt_url)


@require_POST
def submit(request, exam: ExamPage, attempt_id: int):
    """Submitting stores what the form carries first (so an answer typed a moment ago
    counts), then asks for confirmation with the number of unanswered questions; only
    the confirmation submits."""
    attempt = _own_attempt(request, exam, attempt_id)
    attempt_url = exam_url(exam, "attempt", request=request, attempt_id=attempt.pk)
    try:
        answers = services.save_answers(
            attempt=attempt, data=request.POST, seq=_client_seq(request)
        )
    except (services.QuestionNotInAttempt, services.InvalidAnswer) as refusal:
        messages.error(request, refusal.message)
        return redirect(attempt_url)
    except services.AttemptClosed:
        return redirect(attempt_url)
    except services.ExamRuleError as refusal:  # withdrawn, or the module is locked
        return _refused(request, refusal, shown_exam(request, exam).get_url(request))
    if request.POST.get("confirmed") == "yes":
        try:
            services.submit_attempt(attempt=attempt, actor=request.user)
        except services.ExamRuleError as refusal:
            return _refused(request, refusal, shown_exam(request, exam).get_url(request))
        return redirect(attempt_url)
    one_per_page = exam.layout == ExamPage.Layout.ONE_PER_PAGE
    unanswered = [
        (a, f"{attempt_url}?q={a.position}" if one_per_page else f"{attempt_url}#q-{a.position}")
        for a in answers
        if not a.is_answered
    ]
    return TemplateResponse(
        request,
        "assessments/attempt_confirm.html",
        {
            "page": shown_exam(request, exam),
            "attempt": attempt,
            "unanswered": unanswered,
            "answered_count": len(answers) - len(unanswered),
            "total_count": len(answers),
            "submit_url": exam_url(exam, "submit", request=request, attempt_id=attempt.pk),
            "attempt_url": attempt_url,
        },
    )


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
        {
            "page": shown_exam(request, exam),
            "rows": rows,
            "exam_url": shown_exam(request, exam).get_url(request),
        },
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
            "page": shown_exam(request, exam),
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
            "page": shown_exam(request, exam),
            "attempts": attempts.get_page(request.GET.get("page")),
            "distribution": reports.score_distribution(exam),
            "items": reports.item_analysis(exam),
            "csv_url": exam_url(exam, "report_csv", request=request),
            "regrade_url": exam_url(exam, "regrade", request=request),
            "exam_url": shown_exam(request, exam).get_url(request),
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
