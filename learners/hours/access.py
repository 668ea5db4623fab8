"""Who may see which hours: the learner their own, a supervisor their supervisees' within the
supervision, a lead the members of cohorts in the programmes they lead
(``cms.access.led_programme_ids``), administrators all. Anything else is a 404."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from cms.access import (
    SUPERVISORS,
    in_led_programmes,
    is_administrator,
    leads_programme,
    led_programme_ids,
)
from courses.models import ProgrammePage
from learners.cohorts.models import Cohort, Supervision
from learners.journey.models import Enrolment

from .models import HoursEntry, HoursRequirement, PracticeCategory, SupervisorProfile


def visible_entries(user):
    """A learner sees their own entries; a supervisor those of learners they supervise in
    that programme, while the supervision is active and dated within it; a programme lead
    those of the members of a cohort in a programme they lead; administrators all of them.
    A draft (never submitted) is the learner's alone: supervisors and leads see an entry
    from its first submission on."""
    entries = HoursEntry.objects.all()
    if not user.is_authenticated:
        return entries.none()
    if is_administrator(user):
        return entries
    in_a_cohort = Exists(
        Cohort.objects.filter(programme=OuterRef("programme"), members=OuterRef("learner"))
    )
    submitted = ~Q(status=HoursEntry.Status.DRAFT)
    led = Q(programme__in=led_programme_ids(user)) & Q(in_a_cohort) & submitted
    supervised = entries.supervised_by(user).filter(submitted).values("pk")
    return entries.filter(Q(learner=user) | Q(pk__in=supervised) | led)


def leads_learner(user, *, learner, programme) -> bool:
    """The user leads the programme (``cms.access.leads_programme``) and the learner is a
    member of one of its cohorts."""
    return (
        leads_programme(user, programme)
        and Cohort.objects.filter(programme=programme, members=learner).exists()
    )


def may_follow(user, *, learner, programme) -> bool:
    """Progress (totals, no entry detail) is shown to the learner, a supervisor with an
    active supervision of them in that programme, a lead of the programme when they are a
    member of one of its cohorts, and administrators."""
    if not user.is_authenticated:
        return False
    if user.pk == learner.pk or is_administrator(user):
        return True
    return Supervision.objects.active().of(
        supervisor=user, learner=learner, programme=programme
    ).exists() or leads_learner(user, learner=learner, programme=programme)


def may_export(user, *, learner, programme) -> bool:
    """The full log goes to the learner, a lead of the programme (they being a member of
    one of its cohorts) and administrators; a supervisor's view is limited to their own
    supervision period."""
    if not user.is_authenticated:
        return False
    return (
        user.pk == learner.pk
        or is_administrator(user)
        or leads_learner(user, learner=learner, programme=programme)
    )


def may_decide(supervisor, entry: HoursEntry) -> bool:
    """Only a supervisor with an active supervision of the entry's learner in its
    programme, that began on or before the entry's date, may sign or return it."""
    return (
        Supervision.objects.active()
        .of(supervisor=supervisor, learner=entry.learner_id, programme=entry.programme_id)
        .filter(starts_on__lte=entry.date)
        .exists()
    )


def decidable_periods(supervisor) -> dict[tuple[int, int], list]:
    """The supervisor's active supervisions as ``(learner id, programme id) → start
    dates``, read once, for deciding many entries with ``may_decide_in``."""
    periods: dict[tuple[int, int], list] = {}
    rows = Supervision.objects.active().filter(supervisor=supervisor)
    for learner_id, programme_id, starts_on in rows.values_list(
        "learner_id", "programme_id", "starts_on"
    ):
        periods.setdefault((learner_id, programme_id), []).append(starts_on)
    return periods


def may_decide_in(periods: dict[tuple[int, int], list], entry: HoursEntry) -> bool:
    """``may_decide`` against periods read with ``decidable_periods``: an active
    supervision of the entry's learner in its programme that began on or before its
    date."""
    starts = periods.get((entry.learner_id, entry.programme_id), ())
    return any(start <= entry.date for start in starts)


def learner_programmes(learner):
    """The programmes a learner logs hours in: enrolled in or supervised in, and with
    practice categories."""
    enrolled = Enrolment.objects.active().filter(learner=learner, programme=OuterRef("pk"))
    supervised = Supervision.objects.filter(learner=learner, programme=OuterRef("pk"))
    with_categories = PracticeCategory.objects.filter(programme=OuterRef("pk"), active=True)
    return (
        ProgrammePage.objects.filter(Exists(with_categories))
        .filter(Exists(enrolled) | Exists(supervised))
        .order_by("title")
    )


def managed_categories(user):
    """Practice categories a person keeps in the admin: those of the programmes they
    lead (``cms.access.in_led_programmes``); administrators all."""
    return in_led_programmes(user, PracticeCategory.objects.select_related("programme"))


def managed_requirements(user):
    """Hours requirements of the programmes a person leads; administrators all."""
    return in_led_programmes(user, HoursRequirement.objects.select_related("programme"))


def managed_supervisions(user):
    """Supervisions a person may assign, change and end: those in the programmes they
    lead; administrators all."""
    return in_led_programmes(
        user, Supervision.objects.select_related("learner", "supervisor", "programme")
    )


def assignable_supervisors(user):
    """Whom a person may name as a supervisor: members of *Supervisors*, never the
    person assigning (nobody makes themselves a supervisor, administrators neither)."""
    people = get_user_model().objects.filter(groups__name=SUPERVISORS, is_active=True)
    if user.is_authenticated:
        people = people.exclude(pk=user.pk)
    return people.distinct().order_by("last_name", "first_name", "username")


def supervisable_learners(user):
    """Whom a lead may give a supervisor: people enrolled in a programme they lead;
    administrators anyone."""
    people = get_user_model().objects.filter(is_active=True)
    if is_administrator(user):
        return people.order_by("last_name", "first_name", "username")
    enrolled = Enrolment.objects.filter(programme__in=led_programme_ids(user))
    return people.filter(pk__in=enrolled.values("learner")).order_by(
        "last_name", "first_name", "username"
    )


def managed_profiles(user):
    """Supervisor profiles (credential and licence number, copied onto every sign-off).
    Administrators keep them, but never their own: the person who signs with a licence
    never edits it. Leads may read (not change) the profiles of the supervisors in their
    programmes."""
    profiles = SupervisorProfile.objects.select_related("user")
    if not user.is_authenticated:
        return profiles.none()
    if is_administrator(user):
        return profiles.exclude(user=user)
    supervising = Supervision.objects.filter(programme__in=led_programme_ids(user))
    return profiles.filter(user__in=supervising.values("supervisor"))
