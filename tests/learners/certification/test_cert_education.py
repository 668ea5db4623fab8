"""External courses: recorded by the learner, approved by their supervisor or an
administrator, counted toward education per topic (with windows and a face-to-face
share) and toward renewal with its per-topic minimums."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import CertificationTrack, ProgrammePage
from learners.certification import certificates as domain
from learners.certification import education
from learners.certification.eligibility import eligibility
from learners.models import ExternalEducation, Supervision
from tests.factories import CompletedModuleFactory, UserFactory, certification_track

TODAY = timezone.localdate


@pytest.fixture
def counsellor(db) -> ProgrammePage:
    return ProgrammePage.objects.get(content_key="rusradgiver")


@pytest.fixture
def supervising(counsellor, supervisor, learner):
    return Supervision.objects.create(
        supervisor=supervisor, learner=learner, programme=counsellor,
        starts_on=TODAY() - datetime.timedelta(days=30),
    )  # fmt: skip


def course(learner, *, hours, topics, days_ago=10, face_to_face=True, approved_by=None):
    entry = ExternalEducation.objects.create(
        learner=learner, provider="KoRus Øst", title="Etikk i rusfeltet",
        date=TODAY() - datetime.timedelta(days=days_ago), hours=Decimal(hours), topics=topics,
        face_to_face=face_to_face,
    )  # fmt: skip
    if approved_by:
        education.decide(entry, by=approved_by, approve=True)
    return entry


def test_a_recorded_course_counts_once_the_supervisor_approves_it(
    client, learner, supervisor, other_supervisor, supervising
):
    client.force_login(learner)
    response = client.post(reverse("learners:education"), {
        "provider": "KoRus Øst", "title": "Etikk", "date": (TODAY() - datetime.timedelta(days=3)),
        "hours": "6", "topics": "Etikk, rusfaglig", "face_to_face": "on",
    })  # fmt: skip
    assert response.status_code == 302
    entry = ExternalEducation.objects.get()
    assert entry.topics == "etikk, rusfaglig" and entry.status == "submitted"
    assert education.education_hours(learner).get("etikk") is None

    client.force_login(other_supervisor)
    decide = reverse("learners:education-decide", args=[entry.pk])
    assert client.post(decide, {"approve": "on"}).status_code == 404
    client.force_login(learner)
    assert client.post(decide, {"approve": "on"}).status_code == 404

    client.force_login(supervisor)
    assert client.post(decide, {"approve": "on"}).status_code == 302
    hours = education.education_hours(learner)
    assert hours["etikk"] == hours["rusfaglig"] == Decimal(6)
    assert hours[education.FACE_TO_FACE] == Decimal(6)


def test_a_course_in_the_future_or_without_topic_keys_is_refused(client, learner):
    client.force_login(learner)
    response = client.post(reverse("learners:education"), {
        "provider": "X", "title": "Y", "date": TODAY() + datetime.timedelta(days=2),
        "hours": "2", "topics": "Etikk og jus",
    })  # fmt: skip
    assert response.status_code == 200 and not ExternalEducation.objects.exists()
    body = response.content.decode()
    assert "cannot be in the future" in body and "lowercase with dashes" in body


def test_topic_minimums_count_only_their_window_and_the_face_to_face_share(learner, administrator):
    peer = ProgrammePage.objects.get(content_key="peer-spezialist")
    course(learner, hours=6, topics="ethik, peer-recovery", days_ago=7 * 365,
           approved_by=administrator)  # fmt: skip
    course(learner, hours=4, topics="hiv, peer-recovery", face_to_face=False,
           approved_by=administrator)  # fmt: skip
    with translation.override("en"):
        items = {(i.kind, i.key): i for i in eligibility(learner, peer).requirements}
    assert not items[("education", "ethik")].met  # older than six years
    assert items[("education", "peer-recovery")].achieved == Decimal(10)
    share = items[("face_to_face_share", "")]
    assert share.met and share.achieved == Decimal("60.0")
    course(learner, hours=6, topics="ethik", face_to_face=False, approved_by=administrator)
    with translation.override("en"):
        items = {(i.kind, i.key): i for i in eligibility(learner, peer).requirements}
    assert items[("education", "ethik")].met
    assert not items[("face_to_face_share", "")].met
    assert "Only 37.5 % of your education hours taken face to face" in (
        items[("face_to_face_share", "")].message
    )


def test_renewal_of_a_certified_counsellor_is_reachable_with_approved_courses(
    learner, counsellor, administrator
):
    module = counsellor.modules()[0]
    certification_track(counsellor, rows=[
        ("module", module.content_key, None, ""),
        ("renewal_education", "rusfaglig", Decimal(28), "rusfaglig etterutdanning"),
    ])  # fmt: skip
    CertificationTrack.objects.filter(programme=counsellor).update(renewal_hours=40)
    CompletedModuleFactory(learner=learner, module=module)
    issued_on = TODAY() - datetime.timedelta(days=600)
    certificate = domain.issue_certificate(
        learner=learner, programme=counsellor, actor=administrator, today=issued_on
    )
    course(learner, hours=30, topics="etikk", days_ago=700, approved_by=administrator)
    problems = domain.renewal_problems(certificate)
    assert len(problems) == 2  # the course before issue does not count

    course(learner, hours=20, topics="rusfaglig", days_ago=100, approved_by=administrator)
    course(learner, hours=20, topics="etikk", days_ago=50, approved_by=administrator)
    [problem] = domain.renewal_problems(certificate)
    assert "8" in problem and "rusfaglig" in problem

    course(learner, hours=8, topics="rusfaglig", days_ago=5, approved_by=administrator)
    assert domain.renewal_problems(certificate) == []
    renewed = domain.renew_certificate(certificate=certificate, actor=administrator)
    certificate.refresh_from_db()
    assert certificate.superseded_by == renewed


def test_the_approval_queue_costs_the_same_for_few_or_many(
    client, administrator, django_assert_max_num_queries
):
    for n in range(12):
        course(UserFactory(username=f"course{n}"), hours=2, topics="etikk")
    client.force_login(administrator)
    # 12 rows (+1: the menu count, +1: the admin's active locale); one per row: 24+
    with django_assert_max_num_queries(22):
        response = client.get(reverse("learners:education-approvals"))
    assert response.content.decode().count("/decide/") == 12
