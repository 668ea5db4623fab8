"""Organisations, cohorts and supervision."""

import datetime

import factory
from django.utils import timezone

from courses.models import ProgrammeLead
from learners.cohorts.models import Cohort, Organisation, Supervision


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Klinikk {n}")
    slug = factory.Sequence(lambda n: f"klinikk-{n}")


class CohortFactory(factory.django.DjangoModelFactory):
    """A cohort of ``organisation`` in ``programme``, led by ``lead``; pass ``members``."""

    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Kull {n}")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.add(*extracted)


class SupervisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supervision

    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))


def make_lead(user, programme) -> ProgrammeLead:
    """Grant ``user`` the lead of ``programme`` (``courses.ProgrammeLead``), as an
    administrator does in the admin."""
    return ProgrammeLead.objects.get_or_create(user=user, programme=programme)[0]
