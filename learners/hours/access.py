"""Who may see which hours: the learner their own, a supervisor their supervisees' within the
supervision, a lead the members of cohorts in the programmes they lead
(``cms.access.led_programme_ids``), administrators all. Anything else is a 404."""

from django.db.models import Exists, OuterRef, Q

from cms.access import is_administrator, leads_programme, led_programme_ids
from courses.models import ProgrammePage
from learners.cohorts.models import Cohort, Supervision
from learners.journey.models import Enrolment

from .models import HoursEntry, PracticeCategory


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
