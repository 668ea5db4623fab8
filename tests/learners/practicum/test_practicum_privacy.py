"""The practicum in a person's data download and erasure (``cms.privacy``): the learner
gets their meetings in full and their mentorships; a mentor gets the meetings they
decided without the mentee's reflection. Erasing the learner deletes every meeting,
confirmed ones too; erasing a mentor keeps the mentee's meetings."""

import json

from cms import privacy
from learners.models import Mentorship
from learners.practicum.models import PracticumEntry

from .conftest import log_meeting


def data(person, label):
    return json.loads(dict(privacy.export_contents(person))[f"data/{label}.json"])["rows"]


def test_the_download_holds_the_meetings_and_the_mentorship(mentee, mentor, smart):
    log_meeting(mentee, smart, status="confirmed", mentor=mentor)
    log_meeting(mentee, smart)
    own = data(mentee, "learners.PracticumEntry")
    assert {row["status"] for row in own} == {"confirmed", "draft"}
    assert all(row["reflection"] and row["relation"] == "learner" for row in own)
    assert data(mentee, "learners.Mentorship")[0]["relation"] == "mentee"
    decided = data(mentor, "learners.PracticumEntry")
    assert [row["relation"] for row in decided] == ["mentor"]
    assert "reflection" not in decided[0]
    assert data(mentor, "learners.Mentorship")[0]["relation"] == "mentor"


def test_erasing_the_learner_deletes_every_meeting(mentee, mentor, smart, administrator):
    log_meeting(mentee, smart, status="confirmed", mentor=mentor)
    log_meeting(mentee, smart, status="submitted")
    privacy.erase_person(mentee, actor=administrator, confirmation=mentee.get_username())
    assert not PracticumEntry.objects.exists()
    assert not Mentorship.objects.filter(learner=mentee).exists()


def test_erasing_the_mentor_keeps_the_mentees_meetings(mentee, mentor, smart, administrator):
    entry = log_meeting(mentee, smart, status="confirmed", mentor=mentor)
    privacy.erase_person(mentor, actor=administrator, confirmation=mentor.get_username())
    entry.refresh_from_db()
    assert entry.status == PracticumEntry.Status.CONFIRMED and entry.decided_by is None
