"""Leaders' sign-off of finished modules: the queue, one request with its decision, and
the learner asking again after a return. Each view: find what the person may see (a 404
otherwise), parse, call ``signoff_decisions``, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.models import ModulePage

from . import progress, signoff, signoff_decisions
from .forms import SignoffDecisionForm
from .models import ModuleSignoff

QUEUE_PAGE_SIZE = 25


@login_required
@require_GET
def queue(request):
    waiting = signoff.queue(request.user).order_by("requested_at", "pk")
    page = Paginator(waiting, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "learners/signoff/queue.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, signoff_id):
    found = get_object_or_404(
        ModuleSignoff.objects.select_related("learner", "module", "cohort", "programme"),
        pk=signoff_id,
    )
    if not signoff.may_decide(request.user, found):
        raise Http404
    form = SignoffDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and found.status == ModuleSignoff.Status.WAITING:
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == SignoffDecisionForm.SIGN_OFF:
                    signoff_decisions.sign_off(request=found, actor=request.user)
                    messages.success(request, _("Signed off: the module is completed."))
                else:
                    signoff_decisions.return_for_work(
                        request=found, actor=request.user, comment=form.cleaned_data["comment"]
                    )
                    messages.success(request, _("Returned to the learner with your comment."))
            except signoff_decisions.AlreadyDecided:
                messages.info(request, _("Someone decided this sign-off before you."))
            return redirect("learners:module-signoffs")
    return render(request, "learners/signoff/decide.html", {"signoff": found, "form": form})


@login_required
@require_POST
def ask_again(request, module_id):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    if not signoff.needed(module) or not progress.may_study(user=request.user, module=module):
        raise Http404
    try:
        signoff_decisions.ask_again(learner=request.user, module=module)
    except signoff_decisions.NotFinished:
        messages.error(request, _("Finish the module first, then ask for the sign-off."))
    else:
        messages.success(request, _("Sent to your cohort's leaders for sign-off."))
    return redirect(module.url)
