"""Issuing certificates and their lifecycle: issue, re-issue and renewal (which supersede,
never delete), revocation, attestations and expiry reminders. The PDF is made in
``learners.certification.pdf``, bulk exports in ``learners.certification.exports``."""

import datetime
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.audit import record
from cms.events import attestation_confirmed, certificate_issued
from cms.links import absolute_url
from cms.notifications import deliver
from cms.uploads import check_upload
from courses.models import CertificationTrack, ModulePage, ProgrammePage, TrackRequirement
from learners.journey.models import Enrolment
from learners.journey.required import completed_ids, required_for

from . import credentials
from .education import TOTAL, education_hours, renewal_minimums
from .eligibility import eligibility, evaluate_and_store
from .models import Attestation, Certificate, EligibilitySnapshot
from .pdf import render_pdf, site_settings
from .results import requirements_met

REMINDER_DAYS = (60, 30)


class NotEligible(ValidationError):
    """Raised with the requirements still missing."""


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Same day of the month ``months`` later (the last day where the month is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)


def current_certificate(*, learner, programme, level: str = "") -> Certificate | None:
    """The learner's certificate of the programme's level (by key; "" for a programme's
    only track or its course certificate) that is neither revoked nor superseded."""
    return (
        Certificate.objects.of(learner)
        .filter(
            programme=programme, level=level, revoked_at__isnull=True, superseded_by__isnull=True
        )
        .order_by("-issued_on", "-pk")
        .first()
    )


def course_completed(*, learner, programme: ProgrammePage) -> bool:
    """Every live module the learner must complete (``journey.required``) is completed."""
    live = ModulePage.objects.child_of(programme).live()
    must = required_for(learner=learner, programme=programme, modules=live)
    return bool(must) and len(completed_ids(learner=learner, modules=must)) == len(must)


@transaction.atomic
def issue_certificate(
    *,
    learner,
    programme: ProgrammePage,
    level: str | None = None,
    actor=None,
    today: datetime.date | None = None,
) -> Certificate:
    """Issue a certificate: the certification certificate for a learner who meets every
    requirement of the track of the programme's level (by key; without one, its first
    track), or — for a programme without a track — a course
    certificate (with the programme's learning outcomes and hours) once every module is
    completed.

    The name, programme title, language and signatory are copied now and never change.
    A certification expires ``validity_months`` after issue (never, without a validity
    period); a course certificate never expires. A learner who already holds a
    certificate for the programme's level gets a new one — a re-issue — and the old one is marked
    superseded, never deleted. The PDF and the signed credentials are made once, here.
    """
    result = eligibility(learner, programme, level)
    if result.track is None and level:
        raise NotEligible(_("This programme has no such level."))
    if result.track is None:
        if not course_completed(learner=learner, programme=programme):
            raise NotEligible(_("Complete every module of the programme first."))
    elif not result.eligible:
        raise NotEligible([item.message for item in result.missing])
    previous = current_certificate(learner=learner, programme=programme, level=result.level)
    kind = Certificate.Kind.REISSUE if previous else Certificate.Kind.INITIAL
    return _create(
        learner, programme, result.track, actor, today, kind, previous, requirements_met(result)
    )


def renewal_problems(certificate: Certificate, *, today: datetime.date | None = None) -> list[str]:
    """Renewing needs ``renewal_hours`` of continuing education, and each of the track's
    ``renewal_education`` minimums in its topic, from modules completed and approved
    external courses dated between the certificate's issue and today
    (``education.education_hours``), by the track of the certificate's level. A revoked
    or superseded certificate is not renewed."""
    track = _track_of(certificate)
    today = today or timezone.localdate()
    if certificate.revoked_at or certificate.superseded_by_id:
        return [_("Only the current certificate can be renewed.")]
    hours = education_hours(
        certificate.learner, since=certificate.issued_on, until=today,
        verified=track.verified_education,
    )  # fmt: skip
    since = certificate.issued_on.isoformat()
    problems = []
    done = hours.get(TOTAL, Decimal(0))
    if done < track.renewal_hours:
        problems.append(
            _("%(missing)s more hours of continuing education since %(date)s")
            % {"missing": track.renewal_hours - done, "date": since}
        )
    for row in renewal_minimums(track):
        done = hours.get(row.key, Decimal(0))
        if done < row.amount:
            problems.append(
                _("%(missing)s more hours of continuing education in %(topic)s since %(date)s")
                % {"missing": row.amount - done, "topic": row.label or row.key, "date": since}
            )
    return problems


@transaction.atomic
def renew_certificate(
    *, certificate: Certificate, actor=None, today: datetime.date | None = None
) -> Certificate:
    """Renewal: a new certificate with new dates; the old one is superseded. The
    requirements met are those the renewed certificate lists."""
    problems = renewal_problems(certificate, today=today)
    if problems:
        raise NotEligible(problems)
    track = _track_of(certificate)
    return _create(
        certificate.learner, certificate.programme, track, actor, today,
        Certificate.Kind.RENEWAL, certificate, certificate.requirements,
    )  # fmt: skip


def _track_of(certificate: Certificate) -> CertificationTrack:
    return CertificationTrack.objects.select_related("programme").get(
        programme=certificate.programme, key=certificate.level
    )


def _create(learner, programme, track, actor, today, kind, previous, met) -> Certificate:
    now = timezone.now().replace(microsecond=0)
    # The credential's validFrom is the moment of issue; an issue dated another day
    # (renewal tests, back-dating) starts at that day's beginning instead.
    issued_at = now if today is None or today == timezone.localdate(now) else None
    today = today or timezone.localdate(now)
    site = site_settings()
    validity = track.validity_months if track else 0
    certificate = Certificate.objects.create(
        serial=f"tmp-{now.timestamp()}-{secrets.token_hex(4)}",
        learner=learner,
        learner_name=learner.get_full_name() or learner.get_username(),
        programme=programme,
        programme_title=track.title if track else programme.title,
        level=track.key if track else "",
        language=programme.language,
        kind=kind,
        category=Certificate.Category.CERTIFICATION if track else Certificate.Category.COURSE,
        outcomes=programme.outcome_list,
        requirements=met,
        hours=programme.estimated_hours,
        issued_on=today,
        issued_at=issued_at,
        expires_on=add_months(today, validity) if validity else None,
        organisation_name=site.organisation_name,
        signatory_name=site.signatory_name,
        signatory_title=site.signatory_title,
        issued_by=actor,
    )
    credentials.assign_status_entry(certificate)
    certificate.serial = f"PRK-{today.year}-{certificate.pk:06d}"
    certificate.credential = credentials.credential_jwt(certificate)
    certificate.credential_ld = credentials.dumps(credentials.credential_with_proof(certificate))
    certificate.pdf.save(
        f"{certificate.serial}.pdf", ContentFile(render_pdf(certificate)), save=False
    )
    certificate.save(update_fields=["serial", "credential", "credential_ld", "pdf"])
    if previous is not None:
        previous.superseded_by = certificate
        previous.superseded_at = timezone.now()
        previous.save(update_fields=["superseded_by", "superseded_at"])
    action = {"initial": "certificate.issued", "reissue": "certificate.reissued",
              "renewal": "certificate.renewed"}[kind]  # fmt: skip
    record(
        actor=actor, action=action, target=certificate, serial=certificate.serial,
        learner=learner.pk, supersedes=previous.serial if previous else None,
    )  # fmt: skip
    certificate_issued.send(sender=Certificate, certificate=certificate)
    return certificate


def issue_if_due(*, learner, programme, level: str = "") -> Certificate | None:
    """Automatic issuing: only when no current certificate of the level exists (an
    eligible learner with a valid certificate is not issued another one on every
    event)."""
    if current_certificate(learner=learner, programme=programme, level=level):
        return None
    return issue_certificate(learner=learner, programme=programme, level=level or None)


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """An administrator revokes with a reason; the verify page and the status list say so
    from then on. Revoking twice changes nothing."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason for revoking."), code="no_reason")
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.revocation_reason = reason
        certificate.revoked_by = actor
        certificate.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
        record(actor=actor, action="certificate.revoked", target=certificate, reason=reason)
    return certificate


@transaction.atomic
def confirm_attestation(
    *, learner, programme, key: str, evidence, actor, note: str = ""
) -> Attestation:
    """An administrator confirms an attestation requirement of the programme's track,
    with the evidence they saw. ``attestation_confirmed`` is sent, and eligibility is
    evaluated again at once. The evidence must pass ``cms.uploads.check_upload`` (a PDF
    or image by its content, within the size limit); it is kept in the private storage
    and served only by ``views.attestation_evidence``."""
    check_upload(evidence)
    if not TrackRequirement.objects.filter(
        track__programme=programme, kind=TrackRequirement.Kind.ATTESTATION, key=key
    ).exists():
        raise ValidationError(_("This programme's track has no such attestation."))
    attestation, _created = Attestation.objects.update_or_create(
        learner=learner,
        programme=programme,
        key=key,
        defaults={"evidence": evidence, "confirmed_by": actor, "note": note,
                  "confirmed_at": timezone.now()},
    )  # fmt: skip
    record(actor=actor, action="attestation.confirmed", target=attestation, key=key,
           learner=learner.pk)  # fmt: skip
    attestation_confirmed.send(
        sender=Attestation, learner=learner, programme=programme, attestation=attestation
    )
    return attestation


def awaiting_approval():
    """Stored standings (learner, programme, level) that meet a track issued by approval
    and hold no current certificate of that level (evaluated now where a level's standing
    is missing or stale)."""
    tracks = CertificationTrack.objects.filter(issuing=CertificationTrack.Issuing.APPROVAL)
    programmes = {track.programme_id for track in tracks}
    stored = EligibilitySnapshot.objects.filter(
        learner=OuterRef("learner"), programme=OuterRef("programme")
    )
    missing = CertificationTrack.objects.filter(programme=OuterRef("programme")).exclude(
        Exists(
            EligibilitySnapshot.objects.filter(
                learner=OuterRef(OuterRef("learner")),
                programme=OuterRef("programme"),
                level=OuterRef("key"),
            )
        )
    )
    unknown = (
        Enrolment.objects.active()
        .filter(programme__in=programmes)
        .filter(Exists(stored.filter(stale=True)) | Exists(missing))
        .select_related("learner", "programme")
    )
    for enrolment in unknown:
        evaluate_and_store(learner=enrolment.learner, programme=enrolment.programme)
    return list(stored_awaiting_approval())


def stored_awaiting_approval():
    """The stored standings that meet a level's track issued by approval, of learners
    holding no current certificate of that level: one query, each standing as last
    evaluated (``awaiting_approval`` first evaluates those never evaluated or marked
    stale), with the level's name as ``level_name``."""
    held = Certificate.objects.filter(
        learner=OuterRef("learner"),
        programme=OuterRef("programme"),
        level=OuterRef("level"),
        revoked_at__isnull=True,
        superseded_by__isnull=True,
    )
    track = CertificationTrack.objects.filter(
        programme=OuterRef("programme"), key=OuterRef("level")
    )
    return (
        EligibilitySnapshot.objects.filter(eligible=True)
        .filter(Exists(track.filter(issuing=CertificationTrack.Issuing.APPROVAL)))
        .exclude(Exists(held))
        .annotate(level_name=Subquery(track.values("name")[:1]))
        .select_related("learner", "programme")
    )


@dataclass(frozen=True)
class OutstandingAttestation:
    learner: object
    programme: ProgrammePage
    key: str
    label: str


def outstanding_attestations() -> list[OutstandingAttestation]:
    """Attestation requirements of certification tracks that an administrator has not yet
    confirmed for a learner actively enrolled in the track's programme, oldest enrolment
    first. Three queries."""
    requirements = list(
        TrackRequirement.objects.filter(kind=TrackRequirement.Kind.ATTESTATION).select_related(
            "track"
        )
    )
    if not requirements:
        return []
    by_programme: dict[int, dict[str, TrackRequirement]] = {}
    for requirement in requirements:
        # Levels asking for the same attestation share it: it is outstanding once.
        by_programme.setdefault(requirement.track.programme_id, {}).setdefault(
            requirement.key, requirement
        )
    confirmed = set(
        Attestation.objects.filter(programme__in=by_programme).values_list(
            "learner_id", "programme_id", "key"
        )
    )
    enrolments = (
        Enrolment.objects.active()
        .filter(programme__in=by_programme)
        .select_related("learner", "programme")
        .order_by("enrolled_at", "pk")
    )
    return [
        OutstandingAttestation(
            enrolment.learner, enrolment.programme, requirement.key, requirement.label
        )
        for enrolment in enrolments
        for requirement in by_programme[enrolment.programme_id].values()
        if (enrolment.learner_id, enrolment.programme_id, requirement.key) not in confirmed
    ]


# --- expiry reminders ------------------------------------------------------------------

EXPIRY = "certificate_expiry"


def send_expiry_reminders(*, today: datetime.date | None = None) -> int:
    """Tell the holder (e-mail and in-app, in their language) 60 and 30 days
    before a current certificate expires. Each reminder is claimed in the send-once log
    under the certificate and its day before it is sent, so running the command twice
    (or twice at once) never sends the same reminder twice. A run that missed a day still
    sends, as long as the certificate has not expired; the 30-day reminder replaces a
    60-day one not yet sent."""
    today = today or timezone.localdate()
    sent = 0
    for days in REMINDER_DAYS:
        due = Certificate.objects.current(today=today).filter(
            expires_on__lte=today + datetime.timedelta(days=days), learner__isnull=False
        )
        if days == 60:
            due = due.exclude(expires_on__lte=today + datetime.timedelta(days=30))
        for certificate in due.select_related("learner"):
            sent += deliver(
                recipient=certificate.learner,
                kind=EXPIRY,
                key=f"{certificate.pk}:{days}",
                template="learners/certificates/email/expiry",
                context={"certificate": certificate, "days": (certificate.expires_on - today).days},
                url=absolute_url(reverse("learners:certificates")),
            )
    return sent
