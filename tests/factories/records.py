"""Facts on a learner's record, made directly (not through the domain functions), for
tests of what reads them: module progress, practice hours, exam attempts, tracks."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from assessments.models import Attempt, Question
from courses.models import CertificationTrack, TrackRequirement
from learners.hours.models import HoursEntry, PracticeCategory
from learners.journey.models import ModuleProgress


class CompletedModuleFactory(factory.django.DjangoModelFactory):
    """``learner`` has completed ``module`` (now), whatever their progress was."""

    class Meta:
        model = ModuleProgress

    completed_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, learner, module, **defaults):
        return model_class.objects.update_or_create(
            learner=learner, module=module, defaults=defaults
        )[0]


class PracticeCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeCategory
        django_get_or_create = ("programme", "slug")

    slug = factory.Sequence(lambda n: f"category-{n}")
    name = factory.LazyAttribute(lambda category: category.slug)


class ApprovedHoursFactory(factory.django.DjangoModelFactory):
    """An approved, signed entry in ``category`` (its programme)."""

    class Meta:
        model = HoursEntry

    programme = factory.LazyAttribute(lambda entry: entry.category.programme)
    date = datetime.date(2026, 1, 5)
    hours = Decimal(1)
    setting = "Poliklinikk"
    description = "Samtaler"
    status = HoursEntry.Status.APPROVED
    signed_at = factory.LazyFunction(timezone.now)
    content_sha256 = "0" * 64


class AttemptFactory(factory.django.DjangoModelFactory):
    """An attempt of ``learner`` at ``exam`` in ``programme`` with a ``status``."""

    class Meta:
        model = Attempt

    number = 1
    pass_mark = 70


class QuestionFactory(factory.django.DjangoModelFactory):
    """A bank question, validated and with a first revision, as the admin makes it."""

    class Meta:
        model = Question

    kind = Question.Kind.SINGLE
    points = Decimal(1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        question = model_class(**kwargs)
        question.full_clean()
        question.save()
        question.save_revision()
        return question


def certification_track(programme, *, issuing="approval", validity_months=24, rows=()):
    """Give ``programme`` a track with these requirement rows, each (kind, key, amount,
    label); any track it had is replaced."""
    CertificationTrack.objects.filter(programme=programme).delete()
    track = CertificationTrack(
        programme=programme, issuing=issuing, validity_months=validity_months
    )
    track.requirements = [
        TrackRequirement(kind=kind, key=key, amount=amount, label=label, sort_order=index)
        for index, (kind, key, amount, label) in enumerate(rows)
    ]
    track.save()
    return track
