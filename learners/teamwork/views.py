"""Team pages of a cohort: its documents (read, edit, history, an older revision,
approve) and the roles of its members. Each view: look the cohort up among those the
person may see (a 404 otherwise), parse, call the rules, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.models import ModuleRole
from learners.cohorts.roles import roles_in, set_roles

from . import access, rules
from .forms import ApproveForm, DocumentForm, RolesForm
from .models import DocumentRevision, TeamDocument


def _cohort(request, cohort_id):
    return get_object_or_404(access.team_cohorts(request.user), pk=cohort_id)


def _kind(kind: str) -> TeamDocument.Kind:
    if kind not in TeamDocument.Kind.values:
        raise Http404
    return TeamDocument.Kind(kind)


@login_required
@require_GET
def team(request, cohort_id):
    cohort = _cohort(request, cohort_id)
    held = roles_in(cohort)
    documents = {
        d.kind: d
        for d in TeamDocument.objects.filter(cohort=cohort).select_related(
            "latest__author", "approved__approved_by"
        )
    }
    context = {
        "cohort": cohort,
        "rows": [(kind, documents.get(kind.value)) for kind in TeamDocument.Kind],
        "members": [
            (
                person,
                [label for value, label in ModuleRole.choices if value in held.get(person.pk, ())],
            )
            for person in cohort.members.order_by("last_name", "first_name", "username")
        ],
        "may_set_roles": access.may_set_roles(request.user, cohort),
    }
    return render(request, "learners/teamwork/team.html", context)


@login_required
@require_GET
def document(request, cohort_id, kind):
    cohort, kind = _cohort(request, cohort_id), _kind(kind)
    doc = rules.document_of(cohort, kind)
    context = {
        "cohort": cohort,
        "kind": kind,
        "document": doc,
        "may_approve": access.may_approve(request.user, cohort),
        "approve_form": ApproveForm(initial={"number": doc.revisions}) if doc else None,
    }
    return render(request, "learners/teamwork/document.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, cohort_id, kind):
    cohort, kind = _cohort(request, cohort_id), _kind(kind)
    doc = rules.document_of(cohort, kind)
    stale = None
    if request.method == "POST":
        form = DocumentForm(request.POST)
        if form.is_valid():
            try:
                saved = rules.save_revision(
                    cohort=cohort,
                    kind=kind,
                    text=form.cleaned_data["text"],
                    base=form.cleaned_data["base"],
                    author=request.user,
                )
            except rules.StaleRevision as error:
                stale = rules.document_of(cohort, kind)
                form.add_error(
                    None,
                    _(
                        "Someone else saved revision %(number)s while you were editing, so "
                        "your text was not saved. It is kept below: compare it with the "
                        "latest revision, then save again."
                    )
                    % {"number": error.latest},
                )
                form.data = form.data.copy()
                form.data["base"] = error.latest
            except ValidationError as error:
                form.add_error("text", error)
            else:
                if saved.number == form.cleaned_data["base"]:
                    messages.info(request, _("Nothing changed: the text is the latest revision's."))
                else:
                    messages.success(request, _("Saved as a new revision."))
                return redirect("learners:team-document", cohort_id=cohort.pk, kind=kind.value)
    else:
        form = DocumentForm(
            initial={
                "text": doc.latest.text if doc and doc.latest else "",
                "base": doc.revisions if doc else 0,
            }
        )
    context = {"cohort": cohort, "kind": kind, "document": doc, "form": form, "stale": stale}
    return render(request, "learners/teamwork/edit.html", context)


@login_required
@require_POST
def approve(request, cohort_id, kind):
    cohort, kind = _cohort(request, cohort_id), _kind(kind)
    doc = rules.document_of(cohort, kind)
    if doc is None or not access.may_approve(request.user, cohort):
        raise Http404
    form = ApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the revision to approve."))
    else:
        try:
            revision = rules.approve(
                document=doc, number=form.cleaned_data["number"], actor=request.user
            )
        except rules.StaleRevision:
            messages.error(
                request,
                _(
                    "A newer revision was saved after you opened the document. "
                    "Read it, then approve."
                ),
            )
        except rules.NothingToApprove:
            messages.info(request, _("This revision is already approved."))
        else:
            messages.success(
                request, _("Approved as version %(version)s.") % {"version": revision.version}
            )
    return redirect("learners:team-document", cohort_id=cohort.pk, kind=kind.value)


@login_required
@require_GET
def history(request, cohort_id, kind):
    cohort, kind = _cohort(request, cohort_id), _kind(kind)
    doc = rules.document_of(cohort, kind)
    revisions = (
        DocumentRevision.objects.filter(document=doc)
        .defer("text")
        .select_related("author", "approved_by")
        if doc
        else DocumentRevision.objects.none()
    )
    context = {"cohort": cohort, "kind": kind, "document": doc, "revisions": revisions}
    return render(request, "learners/teamwork/history.html", context)


@login_required
@require_GET
def revision(request, cohort_id, kind, number):
    cohort, kind = _cohort(request, cohort_id), _kind(kind)
    shown = get_object_or_404(
        DocumentRevision.objects.select_related("document", "author", "approved_by"),
        document__cohort=cohort,
        document__kind=kind,
        number=number,
    )
    previous = DocumentRevision.objects.filter(document=shown.document, number__lt=number).first()
    context = {
        "cohort": cohort,
        "kind": kind,
        "revision": shown,
        "previous": previous,
        "changes": rules.changes(previous.text if previous else "", shown.text),
    }
    return render(request, "learners/teamwork/revision.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def roles(request, cohort_id):
    cohort = _cohort(request, cohort_id)
    if not access.may_set_roles(request.user, cohort):
        raise Http404
    members = cohort.members.order_by("last_name", "first_name", "username")
    data = request.POST if request.method == "POST" else None
    form = RolesForm(data, members=members, held=roles_in(cohort))
    if request.method == "POST" and form.is_valid():
        for person, chosen in form.chosen():
            set_roles(cohort=cohort, person=person, roles=chosen, actor=request.user)
        messages.success(request, _("Roles saved."))
        return redirect("learners:team", cohort_id=cohort.pk)
    return render(request, "learners/teamwork/roles.html", {"cohort": cohort, "form": form})
