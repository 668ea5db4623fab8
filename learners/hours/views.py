"""Views for supervised practice hours: parse the request, call ``learners.hours``,
render. Anything a user may not see is a 404 (never a 403), and every refusal is logged.
"""

import io
import logging
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cms.access import is_administrator, leads_programme
from cms.converters import parse_id
from cms.security.throttling import lockout_message
from courses.models import ProgrammePage
from learners.cohorts.models import Cohort, Supervision

from . import rules as hours
from .forms import DecisionForm, EntriesForm, HoursEntryForm, PeriodForm
from .models import HoursEntry, SupervisorProfile

logger = logging.getLogger(__name__)


def hours_view(view):
    """Log in first; a refusal anywhere below becomes a logged 404."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as error:
            logger.warning(
                "Hours: refused %s %s to user %s (%s)",
                request.method, request.path, request.user.pk, error or "not visible",
            )  # fmt: skip
            raise Http404 from None

    return wrapper


def _entry(request, pk, queryset=None) -> HoursEntry:
    queryset = hours.visible_entries(request.user) if queryset is None else queryset
    entry = queryset.select_related("category", "programme", "learner").filter(pk=pk).first()
    if entry is None:
        raise PermissionDenied(f"entry {pk} not visible")
    return entry


def _own_entry(request, pk) -> HoursEntry:
    return _entry(request, pk, HoursEntry.objects.filter(learner=request.user))


def _chosen(request, queryset):
    """The ticked entries; ticking one you may not see is a refusal, not a form error."""
    ids = set(request.POST.getlist("entries"))
    if not all(parse_id(value) is not None for value in ids) or queryset.filter(
        pk__in=ids
    ).count() != len(ids):
        raise PermissionDenied(f"entries {sorted(ids)} not all visible")


def _refuse(request, error: ValidationError, to):
    for message in error.messages:
        messages.error(request, message)
    return redirect(to)


# --- The learner's log -----------------------------------------------------------------


@hours_view
def log(request):
    """The learner's own entries, their progress per programme, and what they can do."""
    entries = (
        HoursEntry.objects.filter(learner=request.user)
        .select_related("category", "programme")
        .annotate(
            correction_id=Subquery(
                HoursEntry.objects.filter(corrects=OuterRef("pk")).values("pk")[:1]
            )
        )
    )
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    programmes = list(hours.learner_programmes(request.user))
    return render(
        request,
        "learners/hours/log.html",
        {
            "page": page,
            "entries": page.object_list,
            "programmes": programmes,
            "progress": [hours.progress(request.user, programme) for programme in programmes],
        },
    )


def _entry_form(request, *, instance=None, initial=None):
    programmes = hours.learner_programmes(request.user)
    data = request.POST if request.method == "POST" else None
    return HoursEntryForm(data, instance=instance, initial=initial, programmes=programmes)


def _save(request, form, save, template, context):
    """Run a domain function with the form's values; show its refusals on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            entry = save(form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("learners:hours_entry", entry.pk)
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)


@hours_view
def add(request):
    form = _entry_form(request, initial={"programme": request.GET.get("programme")})

    def save(form):
        entry = hours.create_entry(
            learner=request.user, programme=form.cleaned_data["programme"], **form.values()
        )
        messages.success(request, _("Saved as a draft. Submit it when you are ready."))
        return entry

    return _save(request, form, save, "learners/hours/entry_form.html", {"title": _("Log hours")})


@hours_view
def edit(request, pk):
    entry = _own_entry(request, pk)
    if entry.is_locked or not entry.is_editable:
        message = hours.EntryLocked().messages[0] if entry.is_locked else None
        messages.error(request, message or _("This entry is waiting for sign-off."))
        return redirect("learners:hours_entry", entry.pk)
    form = _entry_form(request, instance=entry)

    def save(form):
        saved = hours.update_entry(entry, by=request.user, **form.values())
        messages.success(request, _("Your changes are saved."))
        return saved

    context = {"title": _("Change entry"), "entry": entry}
    return _save(request, form, save, "learners/hours/entry_form.html", context)


@hours_view
def correct(request, pk):
    original = _own_entry(request, pk)
    draft = HoursEntry(learner=request.user, programme=original.programme, corrects=original)
    initial = {name: getattr(original, name) for name in hours.ENTRY_FIELDS}
    form = _entry_form(request, instance=draft, initial=initial)

    def save(form):
        correction = hours.correct(original, by=request.user, **form.values())
        messages.success(request, _("The correction is saved as a draft; submit it for sign-off."))
        return correction

    context = {"title": _("Correct an approved entry"), "entry": original}
    return _save(request, form, save, "learners/hours/entry_form.html", context)


@require_POST
@hours_view
def delete(request, pk):
    entry = _own_entry(request, pk)
    try:
        hours.delete_entry(entry, by=request.user)
    except ValidationError as error:
        return _refuse(request, error, entry.get_absolute_url())
    messages.success(request, _("The entry is deleted."))
    return redirect("learners:hours")


@require_POST
@hours_view
def submit(request):
    mine = HoursEntry.objects.filter(learner=request.user)
    _chosen(request, mine)
    form = EntriesForm(request.POST, queryset=mine)
    if not form.is_valid():
        return _refuse(request, ValidationError(form.errors["entries"]), "learners:hours")
    try:
        submitted = hours.submit(form.cleaned_data["entries"], by=request.user)
    except ValidationError as error:
        return _refuse(request, error, "learners:hours")
    count = len(submitted)
    messages.success(
        request,
        ngettext(
            "%(count)d entry sent for sign-off.", "%(count)d entries sent for sign-off.", count
        )
        % {"count": count},
    )
    return redirect("learners:hours")


@hours_view
def entry(request, pk):
    """One entry with its sign-off and history, for whoever may see it."""
    entry = _entry(request, pk)
    return render(
        request,
        "learners/hours/entry_detail.html",
        {
            "entry": entry,
            "history": hours.history(entry),
            "corrections": list(entry.corrections.all()),
            "is_owner": entry.learner_id == request.user.pk,
            "may_decide": entry.status == HoursEntry.Status.SUBMITTED
            and hours.may_decide(request.user, entry),
            "needs_password": not hours.signing_confirmed(request.session),
        },
    )


# --- The supervisor's queue ------------------------------------------------------------


QUEUE_PAGE_SIZE = 50


def _queue_context(request, form=None):
    page = Paginator(HoursEntry.objects.pending_for(request.user), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return {
        "page": page,
        "entries": page.object_list,
        "supervisions": list(
            Supervision.objects.active()
            .filter(supervisor=request.user)
            .select_related("learner", "programme")
            .order_by("learner__last_name", "learner__first_name", "programme__title")
        ),
        "has_profile": SupervisorProfile.objects.filter(user=request.user).exists(),
        "needs_password": not hours.signing_confirmed(request.session),
        "form": form or DecisionForm(queryset=HoursEntry.objects.none()),
        # A refused decision keeps what was ticked and chosen, so nothing is redone.
        "chosen": set(request.POST.getlist("entries")) if form else set(),
        "decision": request.POST.get("decision", "approve") if form else "approve",
    }


@hours_view
def signoff(request):
    """The supervisor's queue: their active supervisees' submitted entries. A POST
    approves (signs) or returns the ticked entries."""
    if request.method != "POST":
        return render(request, "learners/hours/signoff.html", _queue_context(request))
    decidable = HoursEntry.objects.supervised_by(request.user)
    _chosen(request, decidable)
    form = DecisionForm(request.POST, queryset=decidable)
    if form.is_valid() and form.approving and not hours.signing_confirmed(request.session):
        if not form.cleaned_data["password"]:
            # Nothing typed is no failed attempt: say what is missing, count nothing.
            form.add_error("password", _("Enter your password to sign."))
        elif not hours.confirm_signing(
            request, user=request.user, password=form.cleaned_data["password"]
        ):
            refusal = lockout_message(request)
            form.add_error(
                "password", refusal or _("That password did not match. Enter it again to sign.")
            )
    if not form.is_valid():
        context = _queue_context(request, form)
        return render(request, "learners/hours/signoff.html", context, status=400)
    try:
        decisions = hours.decide(
            form.cleaned_data["entries"],
            supervisor=request.user,
            approve_them=form.approving,
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        return _refuse(request, error, _safe_next(request) or "learners:signoff")
    _report(request, decisions, approved=form.approving)
    return redirect(_safe_next(request) or "learners:signoff")


def _safe_next(request) -> str | None:
    target = request.POST.get("next", "")
    return target if target.startswith("/hours/") and "//" not in target else None


def _report(request, decisions, *, approved: bool) -> None:
    count = len(decisions.done)
    if count:
        if approved:
            text = ngettext(
                "%(count)d entry approved and signed.",
                "%(count)d entries approved and signed.",
                count,
            )
        else:
            text = ngettext(
                "%(count)d entry returned to the learner.",
                "%(count)d entries returned to the learner.",
                count,
            )
        messages.success(request, text % {"count": count})
    for skipped, reason in decisions.skipped:
        messages.warning(
            request,
            _("Entry of %(date)s was not changed: %(reason)s")
            % {"date": skipped.date.isoformat(), "reason": reason},
        )


# --- Progress and export ---------------------------------------------------------------


def _learner_and_programme(request, programme_id, learner_id, allowed):
    programme = get_object_or_404(ProgrammePage, pk=programme_id)
    learner = get_user_model().objects.filter(pk=learner_id).first()
    if learner is None or not allowed(request.user, learner=learner, programme=programme):
        raise PermissionDenied(f"learner {learner_id} in programme {programme_id}")
    return learner, programme


@hours_view
def progress(request, programme_id, learner_id):
    learner, programme = _learner_and_programme(request, programme_id, learner_id, hours.may_follow)
    context = {
        "learner": learner,
        "programme": programme,
        "progress": hours.progress(learner, programme),
        "may_export": hours.may_export(request.user, learner=learner, programme=programme),
    }
    return render(request, "learners/hours/progress.html", context)


@hours_view
def overview(request, programme_id):
    """Every learner a lead, supervisor or administrator follows in one programme."""
    programme = get_object_or_404(ProgrammePage, pk=programme_id)
    learners = _followed(request.user, programme)
    if learners is None:
        raise PermissionDenied(f"overview of programme {programme_id}")
    followed = list(learners.order_by("last_name", "first_name", "pk"))
    table = hours.progress_for(followed, programme)
    rows = [(learner, table[learner.pk]) for learner in followed]
    return render(request, "learners/hours/overview.html", {"programme": programme, "rows": rows})


def _followed(user, programme):
    User = get_user_model()
    if is_administrator(user):
        return User.objects.filter(hours_entries__programme=programme).distinct()
    cohorts = Cohort.objects.filter(programme=programme)
    if not leads_programme(user, programme):
        cohorts = cohorts.none()
    supervised = Supervision.objects.active().filter(supervisor=user, programme=programme)
    if not (cohorts.exists() or supervised.exists()):
        return None
    return User.objects.filter(
        pk__in=[
            *cohorts.values_list("members", flat=True),
            *supervised.values_list("learner", flat=True),
        ]
    )


@hours_view
def export(request, programme_id, learner_id, fmt):
    """The CSV at once; the PDF (seconds for a long log) is asked for with a POST and
    made in the background, on a page that shows its progress (``cms.documents``)."""
    if fmt not in ("csv", "pdf"):
        raise Http404
    if (request.method == "POST") != (fmt == "pdf"):
        return HttpResponseNotAllowed(["POST"] if fmt == "pdf" else ["GET"])
    learner, programme = _learner_and_programme(request, programme_id, learner_id, hours.may_export)
    period = PeriodForm(request.POST if fmt == "pdf" else request.GET)
    if not period.is_valid():
        return _refuse(request, ValidationError(period.errors.get("__all__", [])), "learners:hours")
    name = f"hours-{programme.slug}-{learner.get_username()}"
    if fmt == "pdf":
        document = hours.start_pdf(request.user, learner, programme, **period.cleaned_data)
        return redirect("document", pk=document.pk)
    out = io.StringIO()
    hours.write_csv(hours.export_data(learner, programme, **period.cleaned_data), out)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
