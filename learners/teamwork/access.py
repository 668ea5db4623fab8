"""Who sees a cohort's team documents and roles, who edits and who approves.

The members of the cohort (its leaders are members who hold the *leader* role), the
leads of its programme (asked of ``cms.access.led_programme_ids``) and administrators see
and edit them; anyone else gets a 404. Approving and setting roles is for the cohort's
leaders (``learners.cohorts.access.leads_cohort``)."""

from django.db.models import Q

from cms.access import is_administrator, led_programme_ids
from learners.cohorts.access import leads_cohort
from learners.cohorts.models import Cohort


def team_cohorts(user):
    """The cohorts whose team documents ``user`` sees (and may edit)."""
    cohorts = Cohort.objects.select_related("organisation", "programme")
    if not user.is_authenticated:
        return cohorts.none()
    if is_administrator(user):
        return cohorts
    return cohorts.filter(
        Q(pk__in=Cohort.objects.filter(members=user).values("pk"))
        | Q(programme__in=led_programme_ids(user))
    )


def member_cohorts(user):
    """The cohorts ``user`` is a member of, for their dashboard's link."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    return Cohort.objects.filter(members=user).select_related("organisation").order_by("name")


def may_approve(user, cohort: Cohort) -> bool:
    """The cohort's leaders approve its team documents."""
    return leads_cohort(user, cohort)


def may_set_roles(user, cohort: Cohort) -> bool:
    """The cohort's leaders set who holds which role in it."""
    return leads_cohort(user, cohort)
