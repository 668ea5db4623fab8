"""Declarations a learner signs on the platform (a track requirement of kind
``declaration``): signing with an e-signature, confirmation by a supervisor or an
administrator where the track asks for it, who may see a declaration, and how long the
text of a health declaration is kept."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.access import is_administrator
from cms.audit import record
from cms.events import attestation_confirmed
from cms.security.throttling import password_matches
from courses.models import CertificationTrack, ProgrammePage, TrackRequirement
from learners.cohorts.models import Supervision

from .models import Certificate, Declaration

Confirmation = TrackRequirement.Confirmation
# A health declaration's text and evidence are kept until the certificate it supported
# has been issued this long, or, without a certificate, this long after signing.
HEALTH_KEPT_AFTER_ISSUE = datetime.timedelta(days=30)
HEALTH_KEPT_UNUSED = datetime.timedelta(days=730)


def requirement_for(programme: ProgrammePage, key: str) -> TrackRequirement:
    """The programme's declaration requirement with this key, or a ``ValidationError``."""
    row = TrackRequirement.objects.filter(
        track__in=CertificationTrack.objects.filter(programme=programme),
        kind=TrackRequirement.Kind.DECLARATION,
        key=key,
    ).first()
    if row is None:
        raise ValidationError(_("This programme's track asks for no such declaration."))
    return row


def is_confirmer(user, declaration: Declaration) -> bool:
    """An administrator confirms any declaration that needs confirming; a supervisor only
    one the track leaves to supervisors, of a learner they actively supervise in it."""
    if not declaration.needs_confirmation or not user.is_authenticated:
        return False
    if is_administrator(user):
        return True
    return (
        declaration.confirmation == Confirmation.SUPERVISOR
        and Supervision.objects.active()
        .of(supervisor=user, learner=declaration.learner_id, programme=declaration.programme_id)
        .exists()
    )


def may_see(user, declaration: Declaration) -> bool:
    """The learner, administrators and the confirming supervisor see a declaration's text
    and evidence; nobody else (reports and exports show only met or not met)."""
    if not user.is_authenticated:
        return False
    return (
        user.pk == declaration.learner_id
        or is_administrator(user)
        or is_confirmer(user, declaration)
    )


def waiting_for(user):
    """Signed declarations waiting for this user's confirmation, oldest first."""
    waiting = Declaration.objects.filter(confirmed_at__isnull=True).exclude(confirmation="none")
    if not is_administrator(user):
        supervised = Supervision.objects.active().filter(
            supervisor=user, learner=OuterRef("learner"), programme=OuterRef("programme")
        )
        waiting = waiting.filter(Q(confirmation=Confirmation.SUPERVISOR) & Exists(supervised))
    return waiting.select_related("learner", "programme").order_by("signed_at", "pk")


@transaction.atomic
def sign(
    request, *, learner, programme: ProgrammePage, key: str, detail: str, password: str,
    evidence=None,
) -> Declaration:  # fmt: skip
    """The learner's e-signature on a declaration: their password again (through the
    login throttle), the wording the track asks them to declare, what they add, optional
    evidence, the UTC time and a SHA-256 of all of it. Signing again replaces an earlier,
    unconfirmed declaration; a confirmed one stays as it is."""
    row = requirement_for(programme, key)
    if not password_matches(request, learner, password):
        raise ValidationError({"password": _("That is not your password.")})
    declaration = (
        Declaration.objects.select_for_update()
        .filter(learner=learner, programme=programme, key=key)
        .first()
    )
    if declaration and declaration.confirmed_at:
        raise ValidationError(_("This declaration has been confirmed and can no longer change."))
    declaration = declaration or Declaration(learner=learner, programme=programme, key=key)
    declaration.statement = row.label
    declaration.detail = detail.strip()
    declaration.health = row.health
    declaration.confirmation = row.confirmation
    declaration.erased_at = None
    if evidence is not None:
        declaration.evidence = evidence
    declaration.signed_at = timezone.now()
    declaration.content_sha256 = ""
    declaration.save()  # the evidence is stored, so its digest can be taken
    declaration.content_sha256 = declaration.content_hash()
    declaration.save(update_fields=["content_sha256"])
    record(actor=learner, action="declaration.signed", target=declaration, key=key,
           programme=programme.pk, sha256=declaration.content_sha256)  # fmt: skip
    attestation_confirmed.send(
        sender=Declaration, learner=learner, programme=programme, attestation=declaration
    )
    return declaration


@transaction.atomic
def confirm(declaration: Declaration, *, by) -> Declaration:
    """A supervisor or administrator the track names confirms a signed declaration."""
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if not is_confirmer(by, declaration):
        raise PermissionDenied("Not a confirmer of this declaration.")
    if declaration.confirmed_at is None:
        declaration.confirmed_by, declaration.confirmed_at = by, timezone.now()
        declaration.save(update_fields=["confirmed_by", "confirmed_at"])
        record(actor=by, action="declaration.confirmed", target=declaration,
               key=declaration.key, learner=declaration.learner_id)  # fmt: skip
        attestation_confirmed.send(
            sender=Declaration, learner=declaration.learner, programme=declaration.programme,
            attestation=declaration,
        )  # fmt: skip
    return declaration


def erase_health_details(*, now: datetime.datetime | None = None) -> int:
    """Retention of health declarations: once the learner's certificate in the programme
    has been issued for 30 days, or 24 months after signing without one, the declared
    text and the evidence are erased. The signature (time and hash) and the confirmation
    stay, so the requirement remains met. Returns how many were erased."""
    now = now or timezone.now()
    issued = Certificate.objects.filter(
        learner=OuterRef("learner"),
        programme=OuterRef("programme"),
        issued_on__lte=(now - HEALTH_KEPT_AFTER_ISSUE).date(),
    )
    due = Declaration.objects.filter(health=True, erased_at__isnull=True).filter(
        Exists(issued) | Q(signed_at__lt=now - HEALTH_KEPT_UNUSED)
    )
    count = 0
    for declaration in due:
        with transaction.atomic():
            if declaration.evidence:
                declaration.evidence.delete(save=False)
            declaration.detail, declaration.erased_at = "", now
            declaration.save(update_fields=["detail", "evidence", "erased_at"])
            record(actor=None, action="declaration.erased", target=declaration,
                   key=declaration.key)  # fmt: skip
        count += 1
    return count
