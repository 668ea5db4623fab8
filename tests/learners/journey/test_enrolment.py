"""Enrolment: self-enrolment where allowed, leads enrol one, a cohort or a CSV; withdrawing
keeps the record and re-enrolling restores progress."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cms.models import AuditEvent
from learners.journey import enrolment_csv, progress
from learners.models import Cohort, Enrolment, ModuleProgress, Organisation
from tests.factories import UserFactory, make_lead


def test_a_learner_enrols_themselves_and_it_is_audited(client, learner, avholdt):
    client.force_login(learner)
    response = client.post(reverse("learners:enrol", args=[avholdt.pk]))
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(learner=learner, programme=avholdt)
    assert enrolment.status == Enrolment.Status.ACTIVE
    event = AuditEvent.objects.get(action="enrolment.created")
    assert event.actor == learner and event.target_id == str(enrolment.pk)


def test_self_enrolment_is_refused_where_the_programme_does_not_allow_it(client, learner, avholdt):
    avholdt.self_enrolment = False
    avholdt.save(update_fields=["self_enrolment"])
    client.force_login(learner)
    response = client.post(reverse("learners:enrol", args=[avholdt.pk]), follow=True)
    assert "by invitation" in response.content.decode()
    assert not Enrolment.objects.filter(learner=learner).exists()


def test_withdrawing_keeps_the_record_and_re_enrolling_restores_progress(learner, avholdt_modules):
    avholdt = avholdt_modules[0].get_parent().specific
    enrolment = progress.enrol(learner=learner, programme=avholdt, actor=learner)
    progress.mark_done(learner=learner, module=avholdt_modules[0])
    progress.withdraw(enrolment=enrolment, actor=learner)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WITHDRAWN and enrolment.withdrawn_at
    again = progress.enrol(learner=learner, programme=avholdt, actor=learner)
    assert again.pk == enrolment.pk and again.status == Enrolment.Status.ACTIVE
    assert ModuleProgress.objects.get(learner=learner, module=avholdt_modules[0]).completed_at
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-2:] == ["enrolment.withdrawn", "enrolment.restored"]


def test_a_learner_cannot_withdraw_someone_else(client, learner, avholdt):
    other = UserFactory()
    enrolment = progress.enrol(learner=other, programme=avholdt, actor=other)
    client.force_login(learner)
    response = client.post(reverse("learners:withdraw", args=[enrolment.pk]))
    assert response.status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACTIVE


@pytest.fixture
def cohort(avholdt, lead):
    """The lead is granted AvHoldt (cms.access) and leads a cohort in it."""
    organisation = Organisation.objects.create(name="Klinikken", slug="klinikken")
    make_lead(lead, avholdt)
    return Cohort.objects.create(
        organisation=organisation, programme=avholdt, name="Vår 2027", lead=lead
    )


def test_a_lead_enrols_a_whole_cohort(client, lead, cohort, avholdt):
    members = [UserFactory(), UserFactory(), UserFactory()]
    cohort.members.add(*members)
    client.force_login(lead)
    response = client.post(
        reverse("learners:enrol-cohort", args=[avholdt.pk]),
        {"cohort-cohort": cohort.pk},
    )
    assert response.status_code == 302
    assert set(Enrolment.objects.filter(cohort=cohort).values_list("learner", flat=True)) == {
        m.pk for m in members
    }


def test_csv_enrolment_reports_every_row_and_a_bad_row_never_stops_the_good_ones(
    client, lead, cohort, avholdt
):
    UserFactory(username="kari", email="kari@klinikk.example")
    UserFactory(username="per", email="per@klinikk.example")
    withdrawn = UserFactory(username="anne", email="anne@klinikk.example")
    progress.withdraw(
        enrolment=progress.enrol(learner=withdrawn, programme=avholdt, actor=lead), actor=lead
    )
    data = (
        "email,cohort\n"
        "kari@klinikk.example,Vår 2027\n"
        "ukjent@klinikk.example,\n"
        "per@klinikk.example,Finnes ikke\n"
        "ANNE@klinikk.example,\n"
        ",\n"
    )
    client.force_login(lead)
    response = client.post(
        reverse("learners:enrol-csv", args=[avholdt.pk]),
        {"csv-file": SimpleUploadedFile("people.csv", data.encode())},
    )
    html = response.content.decode()
    assert response.status_code == 200
    rows = response.context["csv_results"]
    assert [(r.line, r.ok) for r in rows] == [
        (2, True),
        (3, False),
        (4, False),
        (5, True),
        (6, False),
    ]
    assert "No active user" in rows[1].message
    assert "No cohort" in rows[2].message
    assert "restored" in rows[3].message
    assert "Refused:" in html
    assert Enrolment.objects.get(learner__username="kari").cohort == cohort
    assert not Enrolment.objects.filter(learner__username="per").exists()  # nothing half-applied
    assert Enrolment.objects.get(learner__username="anne").status == Enrolment.Status.ACTIVE


def test_a_csv_without_a_known_column_is_refused_as_a_whole(lead, avholdt):
    rows = enrolment_csv.enrol_from_csv(programme=avholdt, data="name\nKari\n", actor=lead)
    assert len(rows) == 1 and not rows[0].ok
    assert not Enrolment.objects.exists()


def test_only_leads_and_administrators_see_the_enrolment_page(
    client, learner, supervisor, lead, cohort, avholdt
):
    for person, status in [(learner, 404), (supervisor, 404), (lead, 200)]:
        client.force_login(person)
        assert client.get(reverse("learners:enrolments", args=[avholdt.pk])).status_code == status


def test_the_enrolment_page_runs_the_same_queries_for_1_or_25_people(
    client, lead, cohort, avholdt, django_assert_max_num_queries
):
    progress.enrol(learner=UserFactory(), programme=avholdt, actor=lead)
    client.force_login(lead)
    # +1: the second-factor device (django-otp); +2: the lead's work counts in the menu
    # (roles, essays to grade).
    with django_assert_max_num_queries(23) as few:
        client.get(reverse("learners:enrolments", args=[avholdt.pk]))
    for _ in range(24):
        progress.enrol(learner=UserFactory(), programme=avholdt, actor=lead)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("learners:enrolments", args=[avholdt.pk]))
    assert len(response.context["enrolments"]) == 25


def test_enrolling_an_unknown_person_says_so_and_changes_nothing(client, lead, cohort, avholdt):
    client.force_login(lead)
    response = client.post(
        reverse("learners:enrol-person", args=[avholdt.pk]), {"person-who": "nobody@x.example"}
    )
    assert response.status_code == 422
    assert "No active user" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_a_learner_cannot_post_enrolments_for_others(client, learner, avholdt):
    other = UserFactory(username="kari")
    client.force_login(learner)
    response = client.post(
        reverse("learners:enrol-person", args=[avholdt.pk]), {"person-who": "kari"}
    )
    assert response.status_code == 404
    assert not Enrolment.objects.filter(learner=other).exists()


def test_a_csv_row_with_more_cells_than_the_header_is_reported(lead, avholdt):
    UserFactory(username="kari", email="kari@klinikk.example")
    UserFactory(username="per", email="per@klinikk.example")
    data = "email\nkari@klinikk.example,extra\nper@klinikk.example\n"
    rows = enrolment_csv.enrol_from_csv(programme=avholdt, data=data, actor=lead)
    assert [(row.line, row.ok) for row in rows] == [(2, False), (3, True)]
    assert "more cells" in rows[0].message
    assert list(Enrolment.objects.values_list("learner__username", flat=True)) == ["per"]


def test_a_csv_with_a_cell_over_the_csv_limit_is_reported_not_a_500(client, lead, cohort, avholdt):
    data = "email\n" + "a" * 140_000 + "\n"
    client.force_login(lead)
    response = client.post(
        reverse("learners:enrol-csv", args=[avholdt.pk]),
        {"csv-file": SimpleUploadedFile("people.csv", data.encode())},
    )
    assert response.status_code in (200, 400)
    assert "could not be read as CSV" in response.content.decode()
    assert not Enrolment.objects.filter(learner__username__startswith="aaa").exists()


def test_a_csv_with_carriage_returns_only_is_read(lead, avholdt):
    UserFactory(username="kari", email="kari@klinikk.example")
    UserFactory(username="per", email="per@klinikk.example")
    data = "email,cohort\rkari@klinikk.example,\rper@klinikk.example,\r"
    rows = enrolment_csv.enrol_from_csv(programme=avholdt, data=data, actor=lead)
    assert [row.ok for row in rows] == [True, True]
    assert Enrolment.objects.count() == 2
