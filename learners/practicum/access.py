"""Who sees a practicum entry and who decides it — one function each — and who assigns
mentors.

A practicum entry is seen by its learner and by their active mentor in its programme
(from its first submission on); nobody else, administrators and leads neither: the
reflection is the learner's and their mentor's. Anything else is a 404. A mentor
confirms or returns only while the mentorship is active and began on or before the
meeting. Mentorships are assigned, changed and ended by administrators and the leads of
the programme (``cms.access.in_led_programmes``)."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from cms.access import in_led_programmes, is_administrator, led_programme_ids
from courses.models import ProgrammePage, TrackRequirement
from learners.cohorts.models import Mentorship
from learners.journey.models import Enrolment

from .models import PracticumEntry


def visible_entries(user):
    """The learner's own entries, and the submitted (not draft) entries of the learners
    ``user`` mentors in that programme today, dated within the mentorship."""
    entries = PracticumEntry.objects.all()
    if not user.is_authenticated:
        return entries.none()
    mentored = entries.mentored_by(user).exclude(status=PracticumEntry.Status.DRAFT).values("pk")
    return entries.filter(Q(learner=user) | Q(pk__in=mentored))


def may_decide(user, entry: PracticumEntry) -> bool:
    """Only a mentor with an active mentorship of the entry's learner in its programme,
    begun on or before the meeting, confirms or returns it; never the learner."""
    if not user.is_authenticated or user.pk == entry.learner_id:
        return False
    return (
        Mentorship.objects.active()
        .of(mentor=user, learner=entry.learner_id, programme=entry.programme_id)
        .filter(starts_on__lte=entry.date)
        .exists()
    )


def is_mentor(user) -> bool:
    """``user`` actively mentors someone (their dashboard shows a mentor's part)."""
    return user.is_authenticated and Mentorship.objects.active().filter(mentor=user).exists()


def learner_programmes(learner):
    """The programmes a learner logs practicum meetings in: those they have a mentor in,
    and those they are enrolled in whose certification counts practicum meetings."""
    mentored = Mentorship.objects.filter(learner=learner, programme=OuterRef("pk"))
    enrolled = Enrolment.objects.active().filter(learner=learner, programme=OuterRef("pk"))
    counted = TrackRequirement.objects.filter(
        track__programme=OuterRef("pk"), kind=TrackRequirement.Kind.PRACTICUM
    )
    return (
        ProgrammePage.objects.filter(Exists(mentored) | (Exists(enrolled) & Exists(counted)))
        .distinct()
        .order_by("title")
    )


def managed_mentorships(user):
    """Mentorships a person may assign, change and end: those in the programmes they
    lead; administrators all."""
    return in_led_programmes(
        user, Mentorship.objects.select_related("learner", "mentor", "programme")
    )


def assignable_mentors(user):
    """Whom a person may name as a mentor: any active account (mentors are volunteers
    and need no role or supervisor profile), never the person assigning."""
    people = get_user_model().objects.filter(is_active=True)
    if user.is_authenticated:
        people = people.exclude(pk=user.pk)
    return people.order_by("last_name", "first_name", "username")


def mentorable_learners(user):
    """Whom a lead may give a mentor: people enrolled in a programme they lead;
    administrators anyone."""
    people = get_user_model().objects.filter(is_active=True)
    if not is_administrator(user):
        enrolled = Enrolment.objects.filter(programme__in=led_programme_ids(user))
        people = people.filter(pk__in=enrolled.values("learner"))
    return people.order_by("last_name", "first_name", "username")
