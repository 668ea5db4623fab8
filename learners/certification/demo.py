"""Demo records (``manage.py load_demo``). For the counsellor track: one learner a few
hours short of the certificate, one eligible, one certified and close to renewal, who is
working toward level II (a master's degree declared and confirmed, supervision hours
10 short of its 100). For the
workplace substance-protocol course (no track): course certificates in every state, one
valid, one superseded by a re-issue and one revoked. Every
fact goes through the rules that would record it for real (hours logged, submitted and
signed by the supervisor; courses approved; declarations signed and confirmed), except
the signature's password, which a demo cannot type."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from assessments.models import Attempt, ExamPage
from courses.models import CertificationTrack, ModulePage, ProgrammePage, TrackRequirement
from learners.cohorts.models import Supervision
from learners.hours import entries as hours_entries
from learners.hours import signoff
from learners.hours.models import HoursEntry, PracticeCategory
from learners.journey.models import Enrolment, ModuleProgress

from . import certificates, education
from .models import Certificate, Declaration, ExternalEducation
from .pdf import site_settings

PROGRAMME = "rusradgiver"
SHORT_BY = Decimal(6)  # hours the first learner still lacks in counselling
LEVEL_TWO = "aadc"
LEVEL_TWO_SUPERVISION_SHORT_BY = Decimal(10)  # the certified learner's way to level II
HOURS_PER_DAY = Decimal("7.5")
PER_FUNCTION = Decimal(25)
SIGNATORY = ("Ingrid Dahl", "Fagansvarlig")


def load_demo_signatory() -> None:
    """Give the demo certificates a signatory, unless the site already names one."""
    site = site_settings()
    if site.pk and not site.signatory_name:
        site.signatory_name, site.signatory_title = SIGNATORY
        site.save(update_fields=["signatory_name", "signatory_title"])


@transaction.atomic
def load_demo_certification(*, short, eligible, certified, supervisor, administrator) -> None:
    """Give three demo learners their counsellor records. Idempotent: a learner who
    already has hours in the programme is left as they are."""
    programme = ProgrammePage.objects.filter(content_key=PROGRAMME).first()
    track = CertificationTrack.objects.filter(programme=programme).order_by("sort_order").first()
    if programme is None or track is None:
        return
    today = timezone.localdate()
    issued_on = today - datetime.timedelta(days=670)  # expires in about two months
    plans = [
        (short, today.replace(month=1, day=1), SHORT_BY, None),
        (eligible, today.replace(month=1, day=1), Decimal(0), None),
        (certified, issued_on - datetime.timedelta(days=400), Decimal(0), issued_on),
    ]
    for learner, start, short_by, issue_on in plans:
        if HoursEntry.objects.filter(learner=learner, programme=programme).exists():
            continue
        Enrolment.objects.get_or_create(learner=learner, programme=programme)
        Supervision.objects.update_or_create(
            learner=learner, supervisor=supervisor, programme=programme,
            defaults={"starts_on": start, "assigned_by": administrator},
        )  # fmt: skip
        _record(learner, programme, track, start, short_by, supervisor, administrator)
        if issue_on:
            certificates.issue_certificate(
                learner=learner, programme=programme, actor=administrator, today=issue_on
            )
            # Continuing education since: enough addiction-specific hours, 6 short in total.
            _course(learner, administrator, "Motiverende intervju, fordypning", 30, "rusfaglig",
                    issue_on + datetime.timedelta(days=200))  # fmt: skip
            _course(learner, administrator, "Etikk og taushetsplikt", 4, "etikk",
                    issue_on + datetime.timedelta(days=400))  # fmt: skip
            _toward_level_two(learner, programme, issue_on, supervisor, administrator)


def _toward_level_two(learner, programme, since, supervisor, administrator) -> None:
    """Level II (AADC) in reach: the master's degree declared and confirmed, and approved
    supervision received up to 10 hours short of the level's requirement."""
    level = CertificationTrack.objects.filter(programme=programme, key=LEVEL_TWO).first()
    if level is None:
        return
    now = timezone.now()
    for row in level.requirements.filter(kind=TrackRequirement.Kind.DECLARATION, key="mastergrad"):
        _declare(learner, programme, row, administrator, now)
    wanted = level.requirements.filter(kind=TrackRequirement.Kind.SUPERVISION_HOURS).first()
    category = PracticeCategory.objects.filter(programme=programme, is_supervision=True).first()
    if wanted is None or category is None:
        return
    needed = wanted.amount - LEVEL_TWO_SUPERVISION_SHORT_BY - category.required_hours
    day = since + datetime.timedelta(days=7)
    while needed > 0:
        hours = min(needed, Decimal(2))
        entry = hours_entries.create_entry(
            learner=learner, programme=programme, category=category, date=day, hours=hours,
            setting="Poliklinikken", description="Veiledning mot nivå II",
            supervision_type=HoursEntry.SupervisionType.INDIVIDUAL,
        )  # fmt: skip
        hours_entries.submit([entry], by=learner)
        signoff.approve(entry, supervisor=supervisor, announce=False)
        needed -= hours
        day += datetime.timedelta(days=7)


def _record(learner, programme, track, start, short_by, supervisor, administrator) -> None:
    now = timezone.now()
    for module in programme.modules():
        ModuleProgress.objects.update_or_create(
            learner=learner, module=module, defaults={"completed_at": now}
        )
    for row in track.requirements.filter(kind=TrackRequirement.Kind.EXAM):
        exam = ExamPage.objects.get(content_key=row.key)
        Attempt.objects.get_or_create(
            learner=learner, exam=exam, number=1,
            defaults={"programme": programme, "status": Attempt.Status.PASSED, "pass_mark": 70,
                      "submitted_at": now, "graded_at": now, "score": 8, "max_score": 10,
                      "percent": 80},
        )  # fmt: skip
    day = start + datetime.timedelta(days=1)
    for category in PracticeCategory.objects.filter(programme=programme, active=True):
        # 25 hours in each of the twelve core functions make IC&RC's 300.
        needed = category.required_hours if category.is_supervision else PER_FUNCTION
        if category.slug == "radgivning":
            needed -= short_by
        while needed > 0:
            hours = min(needed, HOURS_PER_DAY)
            entry = hours_entries.create_entry(
                learner=learner, programme=programme, category=category, date=day, hours=hours,
                setting="Poliklinikken", description=category.name,
                supervision_type=(
                    HoursEntry.SupervisionType.INDIVIDUAL if category.is_supervision else ""
                ),
            )  # fmt: skip
            hours_entries.submit([entry], by=learner)
            signoff.approve(entry, supervisor=supervisor, announce=False)
            needed -= hours
            day += datetime.timedelta(days=1)
    _course(learner, administrator, "Videreutdanning i rusarbeid", 270, "rusfaglig",
            start + datetime.timedelta(days=30))  # fmt: skip
    _course(learner, administrator, "Yrkesetikk for rådgivere", 6, "etikk",
            start + datetime.timedelta(days=60))  # fmt: skip
    for row in track.requirements.filter(kind=TrackRequirement.Kind.DECLARATION):
        _declare(learner, programme, row, administrator, now)


def _declare(learner, programme, row, administrator, now) -> None:
    declaration = Declaration(
        learner=learner, programme=programme, key=row.key, statement=row.label,
        health=row.health, confirmation=row.confirmation, signed_at=now,
    )  # fmt: skip
    declaration.content_sha256 = declaration.content_hash()
    if declaration.needs_confirmation:
        declaration.confirmed_by, declaration.confirmed_at = administrator, now
    declaration.save()


def _course(learner, administrator, title, hours, topics, date) -> None:
    entry = ExternalEducation.objects.create(
        learner=learner, provider="KoRus Øst", title=title, date=date, hours=Decimal(hours),
        topics=topics, face_to_face=True,
    )  # fmt: skip
    education.decide(entry, by=administrator, approve=True)


DEMO_PROGRAMME = "rusmiddelprotokol"


def _complete_course(learner, programme) -> None:
    Enrolment.objects.get_or_create(learner=learner, programme=programme)
    Enrolment.objects.filter(learner=learner, programme=programme).update(
        status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
    )
    for module in ModulePage.objects.child_of(programme).live():
        ModuleProgress.objects.update_or_create(
            learner=learner, module=module,
            defaults={"last_viewed_at": timezone.now(), "marked_done_at": timezone.now(),
                      "completed_at": timezone.now()},
        )  # fmt: skip


def load_demo_certificates(*, reissued, revoked, administrator) -> list[Certificate]:
    """``reissued`` gets a course certificate and a re-issue (the first is superseded);
    ``revoked`` gets one that an administrator revoked. Loading again adds nothing."""
    programme = ProgrammePage.objects.filter(content_key=DEMO_PROGRAMME).first()
    if programme is None:
        return []
    issued = []
    for learner in (reissued, revoked):
        if Certificate.objects.filter(learner=learner, programme=programme).exists():
            continue
        _complete_course(learner, programme)
        certificate = certificates.issue_certificate(
            learner=learner, programme=programme, actor=administrator
        )
        issued.append(certificate)
        if learner == reissued:
            issued.append(
                certificates.issue_certificate(
                    learner=learner, programme=programme, actor=administrator
                )
            )
        else:
            certificates.revoke_certificate(
                certificate=certificate, actor=administrator,
                reason="Demo: issued to the wrong person",
            )  # fmt: skip
    return issued
