"""Views for the learner journey: enrolment, progress and the reflection journal. Each one:
check access, parse, call the domain, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.access import manages_enrolments
from cms.converters import parse_id
from cms.documents import start_document
from cms.people import PersonNotFound, find_person
from courses.models import ModulePage, ProgrammePage
from courses.translation import canonical

from . import enrolment_csv, journal, progress, signoff, worksheets
from .forms import CommentForm, EnrolCohortForm, EnrolCsvForm, EnrolPersonForm, JournalSearchForm
from .gate import is_author
from .models import Enrolment, JournalEntry

JOURNAL_PAGE_SIZE = 50


@login_required
@require_POST
def enrol_self(request, programme_id):
    programme = get_object_or_404(ProgrammePage.objects.live(), pk=programme_id)
    try:
        progress.enrol(learner=request.user, programme=programme, actor=request.user)
    except progress.EnrolmentRefused as refused:
        messages.error(request, str(refused))
        return redirect(programme.url)
    messages.success(request, _("You are enrolled in %(title)s.") % {"title": programme.title})
    return redirect(programme.url)


@login_required
@require_POST
def withdraw(request, enrolment_id):
    enrolment = get_object_or_404(Enrolment, pk=enrolment_id)
    if enrolment.learner_id != request.user.pk and not manages_enrolments(
        request.user, enrolment.programme_id
    ):
        raise Http404
    progress.withdraw(enrolment=enrolment, actor=request.user)
    messages.success(request, _("Withdrawn. Your progress is kept if you come back."))
    if enrolment.learner_id == request.user.pk:
        return redirect("learners:dashboard")
    return redirect("learners:enrolments", programme_id=enrolment.programme_id)


@login_required
@require_POST
def mark_done(request, module_id):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    if not progress.may_study(user=request.user, module=module):
        raise Http404
    state = progress.mark_done(
        learner=request.user, module=module, done=request.POST.get("done") != "0"
    )
    context = {"page": module, "progress": state}
    if signoff.needed(module):
        context["signoff_request"] = signoff.latest(learner=request.user, module=state.module)
    if request.htmx:
        return render(request, "courses/module_page.html#done-panel", context)
    messages.success(request, _("Saved."))
    return redirect(module.url)


@login_required
@require_POST
def not_now(request, module_id):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    if not progress.may_study(user=request.user, module=module):
        raise Http404
    progress.save_place(learner=request.user, module=module)
    messages.info(request, _("Your place is saved. Come back when it suits you."))
    return redirect("learners:dashboard")


@login_required
@require_POST
def save_entry(request, module_id, block_id):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    if not progress.may_study(user=request.user, module=module):
        raise Http404
    cells = {
        key.removeprefix("cell:"): value
        for key, value in request.POST.items()
        if key.startswith("cell:")
    }
    try:
        seq = parse_id(request.POST.get("seq") or "0")  # fits the 64-bit column, or refused
        if seq is None:
            raise ValueError("seq")
        move = request.POST.get("move", "")
        entry = journal.save_entry(
            learner=request.user,
            module=module,
            block_id=block_id,
            text=request.POST.get("text", ""),
            cells=cells,
            seq=seq,
            move=move,
        )
    except (ValueError, journal.JournalError) as error:
        message = str(error) if isinstance(error, journal.JournalError) else _("Not saved.")
        if request.htmx:
            return render(
                request, "learners/journal/_prompt.html#save-status", {"error": message}, status=422
            )
        messages.error(request, message)
        return redirect(f"{module.url}#entry-{block_id}")
    if move:
        return _moved(request, module, entry, move)
    if request.htmx and "add_row" not in request.POST:
        return render(request, "learners/journal/_prompt.html#save-status", {"entry": entry})
    # A new row of a log: back to the page, which shows one more (htmx follows the redirect
    # and takes the prompt's section from it).
    messages.success(request, _("Saved in your journal."))
    return redirect(f"{module.url}#entry-{block_id}")


def _moved(request, module, entry, move: str):
    """After a ranked list's move: with htmx the list again, focus on the moved item and
    its new place said in the live region; without, the page with that sentence."""
    block = journal.prompt_block(module, entry.block_id)
    places = worksheets.parse_move(move, worksheets.ranked_size(block))
    moved = places[1] if places else 0
    if request.htmx:
        direction = move.partition(":")[2]
        context = {"block": block, "entry": entry, "page": module, "moved": moved}
        context["direction"] = direction
        return render(request, "learners/journal/_prompt.html", context)
    if moved:
        messages.success(request, worksheets.move_announcement(block, entry.cells, moved))
    return redirect(f"{module.url}#entry-{entry.block_id}")


@login_required
@require_POST
def skip_prompt(request, module_id, block_id):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    if not progress.may_study(user=request.user, module=module):
        raise Http404
    skip = request.POST.get("skip") != "0"
    try:
        journal.skip_prompt(learner=request.user, module=module, block_id=block_id, skip=skip)
    except journal.JournalError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Reflection skipped.") if skip else _("The reflection is open again.")
        )
    return redirect(f"{module.url}#entry-{block_id}")


@login_required
@require_GET
def worksheet_blank(request, module_id, block_id):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    if not (progress.may_study(user=request.user, module=module) or is_author(request, module)):
        raise Http404
    pdf = journal.blank_worksheet_pdf(module=module, block_id=block_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="worksheet-{block_id[:8]}.pdf"'
    return response


@login_required
@require_GET
def journal_list(request):
    """The learner's journal, a page at a time, without the entries' texts (only their
    titles are listed)."""
    entries = (
        JournalEntry.objects.of(request.user)
        .with_language()
        .select_related("module")
        .defer("text", "cells", "module__body")
    )
    programmes = ProgrammePage.objects.filter(enrolments__learner=request.user).distinct()
    form = JournalSearchForm(request.GET or None, programmes=programmes)
    if form.is_valid():
        entries = journal.search(
            entries, query=form.cleaned_data["q"], programme_id=form.cleaned_data["programme"]
        )
    page = Paginator(entries, JOURNAL_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "learners/journal/list.html",
        {"page": page, "entries": page.object_list, "form": form},
    )


@login_required
@require_GET
def journal_shared(request):
    entries = journal.shared_with(request.user).with_language().select_related("module", "learner")
    return render(request, "learners/journal/shared.html", {"entries": entries})


@login_required
@require_GET
def journal_entry(request, entry_id):
    entry = journal.visible_entry(user=request.user, pk=entry_id)
    comments = entry.comments.select_related("author")
    return render(
        request,
        "learners/journal/entry.html",
        {"entry": entry, "comments": comments, "form": CommentForm()},
    )


@login_required
@require_POST
def journal_share(request, entry_id):
    entry = get_object_or_404(JournalEntry, pk=entry_id, learner=request.user)
    shared = request.POST.get("shared") == "1"
    journal.share(entry=entry, learner=request.user, shared=shared)
    if shared:
        messages.success(request, _("Shared with your supervisor."))
    else:
        messages.success(request, _("No longer shared."))
    return redirect("learners:journal-entry", entry_id=entry.pk)


@login_required
@require_POST
def journal_comment(request, entry_id):
    entry = journal.visible_entry(user=request.user, pk=entry_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            journal.add_comment(entry=entry, author=request.user, text=form.cleaned_data["text"])
        except journal.JournalError as error:
            form.add_error("text", str(error))
        else:
            messages.success(request, _("Comment added."))
            return redirect("learners:journal-entry", entry_id=entry.pk)
    comments = entry.comments.select_related("author")
    context = {"entry": entry, "comments": comments, "form": form}
    return render(request, "learners/journal/entry.html", context, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def journal_export(request):
    """Markdown at once (GET); the PDF (seconds for a long journal) is asked for with a
    POST and made in the background, on a page that shows its progress
    (``cms.documents``)."""
    stamp = timezone.localdate().isoformat()
    if request.method == "POST":
        if request.POST.get("format") != "pdf":
            raise Http404
        document = start_document(
            owner=request.user,
            kind=journal.JOURNAL_PDF,
            title=_("Your journal"),
            filename=f"journal-{stamp}.pdf",
            params={},
        )
        return redirect("document", pk=document.pk)
    if request.GET.get("format", "md") == "md":
        response = HttpResponse(
            journal.export_markdown(learner=request.user),
            content_type="text/markdown; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="journal-{stamp}.md"'
        return response
    raise Http404


def _managed_programme(request, programme_id) -> ProgrammePage:
    """The programme (the source, when ``programme_id`` is a translation's) if the user
    manages its enrolments; a 404 otherwise."""
    programme = canonical(get_object_or_404(ProgrammePage, pk=programme_id))
    if not manages_enrolments(request.user, programme):
        raise Http404
    return programme


def _enrolments_page(request, programme, status=200, **forms):
    rows = Enrolment.objects.filter(programme=programme).select_related("learner", "cohort")
    context = {
        "programme": programme,
        "enrolments": rows.order_by("learner__last_name", "learner__username"),
        "person_form": EnrolPersonForm(prefix="person"),
        "cohort_form": EnrolCohortForm(prefix="cohort", programme=programme),
        "csv_form": EnrolCsvForm(prefix="csv"),
        "csv_results": None,
        **forms,
    }
    return render(request, "learners/enrolments.html", context, status=status)


@login_required
@require_GET
def enrolments(request, programme_id):
    return _enrolments_page(request, _managed_programme(request, programme_id))


@login_required
@require_POST
def enrol_person(request, programme_id):
    programme = _managed_programme(request, programme_id)
    form = EnrolPersonForm(request.POST, prefix="person")
    if form.is_valid():
        try:
            learner = find_person(form.cleaned_data["who"])
        except PersonNotFound as problem:
            form.add_error("who", str(problem))
        else:
            progress.enrol(learner=learner, programme=programme, actor=request.user)
            messages.success(request, _("%(name)s is enrolled.") % {"name": learner})
            return redirect("learners:enrolments", programme_id=programme.pk)
    return _enrolments_page(request, programme, status=422, person_form=form)


@login_required
@require_POST
def enrol_cohort(request, programme_id):
    programme = _managed_programme(request, programme_id)
    form = EnrolCohortForm(request.POST, prefix="cohort", programme=programme)
    if not form.is_valid():
        return _enrolments_page(request, programme, status=422, cohort_form=form)
    done = progress.enrol_cohort(cohort=form.cleaned_data["cohort"], actor=request.user)
    messages.success(request, _("%(count)d people enrolled.") % {"count": len(done)})
    return redirect("learners:enrolments", programme_id=programme.pk)


@login_required
@require_POST
def enrol_csv(request, programme_id):
    programme = _managed_programme(request, programme_id)
    form = EnrolCsvForm(request.POST, request.FILES, prefix="csv")
    if not form.is_valid():
        return _enrolments_page(request, programme, status=422, csv_form=form)
    results = enrolment_csv.enrol_from_csv(
        programme=programme, data=form.cleaned_data["file"], actor=request.user
    )
    return _enrolments_page(request, programme, csv_results=results)
