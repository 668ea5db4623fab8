"""Helpers for the certificate tests: a track with one requirement of every kind on the
AvHoldt programme, and quick ways to put facts on a learner's record."""

import datetime
from decimal import Decimal

from django.utils import timezone

from assessments.models import Attempt, ExamPage
from courses.models import CertificationTrack, TrackRequirement
from learners.models import HoursEntry, ModuleProgress, PracticeCategory


def make_track(programme, *, issuing="approval", validity_months=24, rows=()):
    CertificationTrack.objects.filter(programme=programme).delete()
    track = CertificationTrack(
        programme=programme, issuing=issuing, validity_months=validity_months
    )
    track.requirements = [
        TrackRequirement(kind=kind, key=key, amount=amount, label=label, sort_order=i)
        for i, (kind, key, amount, label) in enumerate(rows)
    ]
    track.save()
    return track


def complete(learner, module):
    ModuleProgress.objects.update_or_create(
        learner=learner, module=module, defaults={"completed_at": timezone.now()}
    )


def category(programme, slug, name=None):
    return PracticeCategory.objects.get_or_create(
        programme=programme, slug=slug, defaults={"name": name or slug}
    )[0]


def approved_hours(learner, category, hours, *, corrects=None):
    return HoursEntry.objects.create(
        learner=learner, programme=category.programme, category=category,
        date=datetime.date(2026, 1, 5), hours=Decimal(hours), setting="Poliklinikk",
        description="Samtaler", status="approved", signed_at=timezone.now(),
        content_sha256="0" * 64, corrects=corrects,
    )  # fmt: skip


def attempt(learner, exam: ExamPage, programme, status, number=1):
    return Attempt.objects.create(
        exam=exam, programme=programme, learner=learner, number=number, status=status,
        pass_mark=70,
    )  # fmt: skip
