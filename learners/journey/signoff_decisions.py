"""A leader decides a waiting sign-off (``signoff``): signing it off records the module's
completion at once (``progress.record_signoff``, so ``module_completed`` and everything
that follows it — certificates, eligibility — happen as for any completion); returning
it sends it back with a comment, and the learner asks again when they have worked on it.
Each decision is audited and told to the learner after it commits."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms.audit import record
from cms.links import absolute_url
from cms.notifications import deliver
from courses.models import ModulePage
from courses.translation import canonical

from . import progress, signoff
from .models import ModuleProgress, ModuleSignoff

Status = ModuleSignoff.Status
DECIDED = "module_signoff"


class AlreadyDecided(Exception):
    """Someone decided the request first (or the learner withdrew it)."""


class NotFinished(Exception):
    """The learner has not done what the module's completion rule asks."""


def _waiting(pk: int) -> ModuleSignoff:
    found = ModuleSignoff.objects.select_for_update().filter(pk=pk, status=Status.WAITING)
    request = found.select_related("learner", "module").first()
    if request is None:
        raise AlreadyDecided(pk)
    return request


@transaction.atomic
def sign_off(*, request: ModuleSignoff, actor) -> ModuleSignoff:
    """Sign the module off: the request is closed and the module completes now."""
    request = _waiting(request.pk)
    request.status = Status.SIGNED_OFF
    request.decided_at, request.decided_by = timezone.now(), actor
    request.save(update_fields=["status", "decided_at", "decided_by"])
    record(actor=actor, action="module.signoff.signed", target=request, learner=request.learner_id)
    progress.record_signoff(learner=request.learner, module=request.module.specific)
    transaction.on_commit(lambda: tell(request.pk))
    return request


@transaction.atomic
def return_for_work(*, request: ModuleSignoff, actor, comment: str) -> ModuleSignoff:
    """Return the module to the learner with ``comment`` (required, checked by the
    form): it stays not completed until they ask again and a leader signs it off."""
    request = _waiting(request.pk)
    request.status = Status.RETURNED
    request.decided_at, request.decided_by, request.comment = timezone.now(), actor, comment
    request.save(update_fields=["status", "decided_at", "decided_by", "comment"])
    record(
        actor=actor, action="module.signoff.returned", target=request, learner=request.learner_id
    )
    transaction.on_commit(lambda: tell(request.pk))
    return request


@transaction.atomic
def ask_again(*, learner, module: ModulePage) -> ModuleSignoff:
    """After a return, the learner puts the module in the queue again — once they have
    done what its completion rule asks."""
    module = canonical(module)
    done = ModuleProgress.objects.filter(learner=learner, module=module).first()
    if done is None or not progress.rule_met(done, module.completion_rule):
        raise NotFinished(module.pk)
    return signoff.open_request(done, module)


def tell(pk: int) -> None:
    """The learner hears of the decision (in-app and e-mail), once per decision."""
    request = ModuleSignoff.objects.select_related("learner", "module", "decided_by").get(pk=pk)
    url = absolute_url(request.module.url or reverse("learners:dashboard"))
    deliver(
        recipient=request.learner,
        kind=DECIDED,
        key=f"signoff-{request.pk}:{request.status}",
        template=f"learners/email/signoff_{request.status.replace('-', '_')}",
        context={"request": request, "learner": request.learner, "url": url},
        url=url,
    )


@transaction.atomic
def load_demo_signoff(*, learner, programme) -> None:
    """Demo: ``learner`` has finished the modules of ``programme`` up to its first module
    that asks a leader's sign-off, which now waits for one. Idempotent: a learner who
    already finished that module is left alone."""
    modules = list(programme.modules())
    asking = next((m for m in modules if signoff.needed(m)), None)
    if (
        asking is None
        or ModuleProgress.objects.filter(
            learner=learner, module=asking, marked_done_at__isnull=False
        ).exists()
    ):
        return
    for module in modules:
        if module.order < asking.order and not module.for_role:
            progress.mark_done(learner=learner, module=module)
    progress.mark_done(learner=learner, module=asking)
