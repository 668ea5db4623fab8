"""The learner signs a declaration; the supervisor or administrator the track names
confirms it. A declaration is shown only to those ``declarations.may_see`` allows (404 for
everyone else)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cms.access import is_administrator
from cms.private_files import serve_private
from courses.models import ProgrammePage
from learners.cohorts.models import Supervision

from . import declarations
from .forms import DeclarationForm
from .models import Declaration


@login_required
def sign(request, programme_id, key):
    programme = get_object_or_404(ProgrammePage, pk=programme_id)
    try:
        row = declarations.requirement_for(programme, key)
    except ValidationError:
        raise Http404 from None
    form = DeclarationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            declarations.sign(
                request, learner=request.user, programme=programme, key=key,
                detail=form.cleaned_data["detail"], password=form.cleaned_data["password"],
                evidence=form.cleaned_data["evidence"],
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your declaration is signed."))
            return redirect(programme.url or "learners:dashboard")
    existing = Declaration.objects.filter(
        learner=request.user, programme=programme, key=key
    ).first()
    context = {"form": form, "programme": programme, "row": row, "existing": existing}
    return render(request, "learners/certificates/declaration_sign.html", context)


@login_required
@require_GET
def waiting(request):
    user = request.user
    if not is_administrator(user) and not Supervision.objects.filter(supervisor=user).exists():
        raise Http404
    rows = declarations.waiting_for(user)
    return render(request, "learners/certificates/declarations.html", {"declarations": rows})


def _visible(request, pk) -> Declaration:
    declaration = get_object_or_404(
        Declaration.objects.select_related("learner", "programme", "confirmed_by"), pk=pk
    )
    if not declarations.may_see(request.user, declaration):
        raise Http404
    return declaration


@login_required
@require_GET
def detail(request, pk):
    declaration = _visible(request, pk)
    context = {
        "declaration": declaration,
        "may_confirm": declaration.confirmed_at is None
        and declarations.is_confirmer(request.user, declaration),
    }
    return render(request, "learners/certificates/declaration.html", context)


@login_required
@require_GET
def evidence(request, pk):
    declaration = _visible(request, pk)
    if not declaration.evidence:
        raise Http404
    return serve_private(request, declaration.evidence, filename=f"declaration-{pk}")


@login_required
@require_POST
def confirm(request, pk):
    declaration = _visible(request, pk)
    if not declarations.is_confirmer(request.user, declaration):
        raise Http404
    declarations.confirm(declaration, by=request.user)
    messages.success(request, _("Declaration confirmed."))
    return redirect("learners:declarations")
