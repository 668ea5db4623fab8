"""The practicum log (the learner's meetings, one meeting, its form) and the mentor's
queue. Each view looks the entry up among those the person may see (a 404 otherwise),
parses, calls the rules, renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.audit import events_for

from . import access, rules
from .forms import DecisionForm, EntryForm
from .models import EntryLocked, PracticumEntry, Role

QUEUE_PAGE_SIZE = 50


def _visible(request, entry_id) -> PracticumEntry:
    entries = access.visible_entries(request.user).select_related("learner", "programme")
    return get_object_or_404(entries, pk=entry_id)


def _own(request, entry_id) -> PracticumEntry:
    entry = _visible(request, entry_id)
    if entry.learner_id != request.user.pk:
        raise Http404
    return entry


@login_required
@require_GET
def log(request):
    entries = PracticumEntry.objects.of(request.user).select_related("programme")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    confirmed = entries.confirmed().aggregate(
        **{role: Count("pk", filter=Q(role=role)) for role in Role.values}
    )
    context = {
        "page": page,
        "entries": page.object_list,
        "confirmed": [(label, confirmed[value]) for value, label in Role.choices],
        "programmes": access.learner_programmes(request.user),
    }
    return render(request, "learners/practicum/log.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, entry_id=None):
    entry = _own(request, entry_id) if entry_id else PracticumEntry(learner=request.user)
    if entry.pk and not entry.editable:
        raise Http404
    programmes = access.learner_programmes(request.user)
    form = EntryForm(request.POST or None, instance=entry, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        try:
            entry = rules.save_entry(form.save(commit=False), learner=request.user)
        except (ValidationError, EntryLocked) as error:
            form.add_error(None, error)
        else:
            if "submit" in request.POST:
                rules.submit(entry, learner=request.user)
                messages.success(request, _("The meeting was sent to your mentor."))
            else:
                messages.success(request, _("The meeting was saved as a draft."))
            return redirect("learners:practicum-entry", entry.pk)
    return render(request, "learners/practicum/form.html", {"form": form, "entry": entry})


@login_required
@require_GET
def entry(request, entry_id):
    entry = _visible(request, entry_id)
    may_decide = entry.status == PracticumEntry.Status.SUBMITTED and access.may_decide(
        request.user, entry
    )
    history = events_for(entry).order_by("created_at", "pk")
    context = {
        "entry": entry,
        "own": entry.learner_id == request.user.pk,
        "may_decide": may_decide,
        "decision_form": DecisionForm() if may_decide else None,
        "history": history,
    }
    return render(request, "learners/practicum/entry.html", context)


@login_required
@require_POST
def submit(request, entry_id):
    entry = _own(request, entry_id)
    try:
        rules.submit(entry, learner=request.user)
    except EntryLocked as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The meeting was sent to your mentor."))
    return redirect("learners:practicum-entry", entry.pk)


@login_required
@require_POST
def delete(request, entry_id):
    entry = _own(request, entry_id)
    try:
        rules.delete_entry(entry, learner=request.user)
    except EntryLocked as error:
        messages.error(request, error.messages[0])
        return redirect("learners:practicum-entry", entry.pk)
    messages.success(request, _("The meeting was deleted."))
    return redirect("learners:practicum")


@login_required
@require_POST
def decide(request, entry_id):
    entry = _visible(request, entry_id)
    if not access.may_decide(request.user, entry):
        raise Http404
    form = DecisionForm(request.POST)
    if form.is_valid():
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        try:
            if decision == "confirm":
                rules.confirm(entry, mentor=request.user, comment=comment)
                messages.success(request, _("The meeting was confirmed."))
            else:
                rules.return_entry(entry, mentor=request.user, comment=comment)
                messages.success(request, _("The meeting was returned to the learner."))
            return redirect("learners:practicum-queue")
        except EntryLocked as error:  # decided already (e.g. in another tab)
            messages.error(request, error.messages[0])
            return redirect("learners:practicum-queue")
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            raise Http404 from None
    context = {"entry": entry, "own": False, "may_decide": True, "decision_form": form}
    return render(request, "learners/practicum/entry.html", context, status=400)


@login_required
@require_GET
def queue(request):
    pending = PracticumEntry.objects.pending_for(request.user)
    page = Paginator(pending, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "learners/practicum/queue.html", {"page": page, "entries": page.object_list}
    )
