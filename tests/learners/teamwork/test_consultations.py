"""The cohort's record of consultations and NMT assessments (AvHoldt steps 5–6): members
and the cohort's leaders read and add to it, anyone else gets a 404; a record is
audited, in the download of the people it names, and kept (anonymised) on erasure."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cms.models import AuditEvent
from cms.privacy import erase_person, export_contents
from learners.teamwork import rules
from learners.teamwork.models import Consultation

LIST_BUDGET = 17


def record(cohort, author, participants, notes="Vi ble enige om felles språk.", **extra):
    return rules.record_consultation(
        cohort=cohort,
        author=author,
        held_on=extra.get("held_on", timezone.localdate()),
        kind=extra.get("kind", Consultation.Kind.NMT_ASSESSMENT),
        participants=participants,
        consultant="Konsulent fra ressurssenteret",
        notes=notes,
    )


def test_a_member_records_a_consultation(client, cohort, learner, colleagues):
    client.force_login(learner)
    url = reverse("learners:team-consultation-add", args=[cohort.pk])
    response = client.post(
        url,
        {
            "held_on": timezone.localdate().isoformat(),
            "kind": "consultation",
            "participants": [learner.pk, colleagues[1].pk],
            "consultant": "Ressursperson",
            "notes": "Vi prøver ut **felles refleksjon** etter vaktskifte.",
        },
    )
    assert response.status_code == 302
    saved = Consultation.objects.get()
    assert set(saved.participants.all()) == {learner, colleagues[1]}
    assert AuditEvent.objects.filter(action="consultation.recorded").exists()
    listed = client.get(reverse("learners:team-consultations", args=[cohort.pk])).text
    assert "felles refleksjon" in listed and "Ressursperson" in listed


def test_bad_input_is_refused_and_nothing_saved(client, cohort, learner, outsider):
    client.force_login(learner)
    url = reverse("learners:team-consultation-add", args=[cohort.pk])
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client.post(
        url, {"held_on": future, "kind": "consultation", "participants": [outsider.pk]}
    )
    assert response.status_code == 200
    page = response.text
    assert "The date is in the future" in page and "error-summary" in page
    assert not Consultation.objects.exists()


def test_people_outside_the_cohort_get_a_404(client, cohort, learner, outsider):
    record(cohort, learner, [learner])
    client.force_login(outsider)
    for name in ("learners:team-consultations", "learners:team-consultation-add"):
        assert client.get(reverse(name, args=[cohort.pk])).status_code == 404
    assert (
        client.post(reverse("learners:team-consultation-add", args=[cohort.pk])).status_code == 404
    )


def test_the_programme_lead_reads_the_record(client, cohort, learner, lead):
    record(cohort, learner, [learner])
    client.force_login(lead)
    response = client.get(reverse("learners:team-consultations", args=[cohort.pk]))
    assert "felles språk" in response.text


def test_the_team_page_links_to_the_record(client, cohort, learner):
    client.force_login(learner)
    page = client.get(reverse("learners:team", args=[cohort.pk])).text
    assert reverse("learners:team-consultations", args=[cohort.pk]) in page


def test_the_list_costs_the_same_for_one_or_many(
    client, cohort, learner, colleagues, django_assert_max_num_queries
):
    client.force_login(learner)
    record(cohort, learner, [learner])
    with django_assert_max_num_queries(LIST_BUDGET):
        client.get(reverse("learners:team-consultations", args=[cohort.pk]))
    for n in range(25):
        record(cohort, colleagues[n % 4], [learner, *colleagues], notes=f"Notat {n}")
    with django_assert_max_num_queries(LIST_BUDGET):
        page = client.get(reverse("learners:team-consultations", args=[cohort.pk])).text
    assert "Page 1 of 2" in page


def test_download_and_erasure(client, cohort, learner, colleagues, lead, administrator):
    record(cohort, colleagues[1], [learner], notes="Det vi lærte")
    files = dict(export_contents(learner))
    assert "Det vi lærte" in files["data/learners.Consultation.json"].decode()
    name = learner.get_full_name()
    erase_person(learner, actor=administrator, confirmation=learner.get_username())
    assert Consultation.objects.get().notes == "Det vi lærte"
    client.force_login(lead)
    page = client.get(reverse("learners:team-consultations", args=[cohort.pk])).text
    assert name not in page and "Erased person" in page
