"""What the practicum room holds about a person, for ``cms.privacy``: the meetings they
logged (in full), the meetings they decided as a mentor (date and decision only, never
the mentee's reflection), and the mentorships they received or gave.

Erasure deletes every meeting the person logged, confirmed ones too: a practicum entry
is no signed record anyone else rests on (a certificate already issued stays verifiable
on its own). On meetings the person decided as a mentor, the anonymised account takes
their place (``decided_by`` is set to nobody); their comment stays, it is the mentee's
record. Mentorships received are deleted; mentorships given stay, without the mentor's
name once the account is anonymised."""

from cms.privacy import Erasure, register, rows
from learners.cohorts.models import Mentorship

from .models import PracticumEntry

FIELDS = (
    "id", "programme_id", "programme__title", "date", "format", "role", "duration_minutes",
    "attendees", "reflection", "status", "submitted_at", "decided_at", "decision_comment",
)  # fmt: skip
MENTORSHIP_FIELDS = ("id", "programme_id", "starts_on", "ends_on")


def export_practicum(person) -> list[dict]:
    own = rows(PracticumEntry.objects.of(person), *FIELDS)
    decided = rows(
        PracticumEntry.objects.filter(decided_by=person).exclude(learner=person),
        "id", "programme_id", "date", "status", "decided_at",
    )  # fmt: skip
    return [
        # "relation", not "role": a meeting has a role of its own (observer, …).
        *({"relation": "learner", **row} for row in own),
        *({"relation": "mentor", **row} for row in decided),
    ]


def erase_practicum(erasure: Erasure) -> int:
    person = erasure.person
    count = (
        PracticumEntry.objects.filter(decided_by=person)
        .exclude(learner=person)
        .update(decided_by=None)
    )
    # A queryset delete: the model refuses to delete a confirmed entry one by one.
    return count + PracticumEntry.objects.filter(learner=person).delete()[0]


def export_mentorships(person) -> list[dict]:
    received = rows(Mentorship.objects.filter(learner=person), *MENTORSHIP_FIELDS, "mentor_id")
    given = rows(Mentorship.objects.filter(mentor=person), *MENTORSHIP_FIELDS, "learner_id")
    return [
        *({"relation": "mentee", **row} for row in received),
        *({"relation": "mentor", **row} for row in given),
    ]


def erase_mentorships(erasure: Erasure) -> int:
    person = erasure.person
    count = Mentorship.objects.filter(assigned_by=person).update(assigned_by=None)
    return count + Mentorship.objects.filter(learner=person).delete()[0]


def register_handlers() -> None:
    register(PracticumEntry, export=export_practicum, erase=erase_practicum)
    register(Mentorship, export=export_mentorships, erase=erase_mentorships)
