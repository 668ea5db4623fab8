"""Logging hours: every rule an entry must meet, and what drafts allow."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learners.hours import rules as hours
from learners.hours.validators import client_code_problem
from learners.models import HoursEntry, PracticeCategory

from .conftest import days_ago, form_data, log_hours

IDENTIFYING = [
    # Norwegian fødselsnummer and D-nummer, with and without separators
    ("01019012345", "identity"),
    ("010190 12345", "identity"),
    ("410190-12345", "identity"),
    ("Klient 01019012345", "identity"),
    # Danish CPR
    ("010190-1234", "identity"),
    ("0101901234", "identity"),
    ("klient 311299-4321", "identity"),
    # e-mail
    ("ola.nordmann@example.no", "e-mail"),
    ("kari@klinikk.dk", "e-mail"),
    # phone numbers
    ("91234567", "phone"),
    ("+47 912 34 567", "phone"),
    ("+45 12 34 56 78", "phone"),
    ("(22) 33 44 55", "phone"),
    # written to slip past: other separators, spelled-out @, full-width and hidden characters
    ("010190/12345", "identity"),
    ("010190_12345", "identity"),
    ("０１０１９０１２３４５", "identity"),
    ("0101\u200b9012345", "identity"),
    ("tlf. 912 34 567", "phone"),
    ("912.34.567", "phone"),
    ("ola(at)example.no", "e-mail"),
    ("ola [at] example [dot] no", "e-mail"),
    ("ola at example dot no", "e-mail"),
    ("ola ＠ example . no", "e-mail"),
]
ANONYMOUS = [
    "K-17",
    "AB12",
    "klient 3",
    "G2-04",
    "Q7",
    "2024-A7",
    "klient at home",
    "A-2024-17",
    "",
]


@pytest.mark.parametrize(("code", "kind"), IDENTIFYING)
def test_it_refuses_a_client_code_that_identifies_someone(code, kind):
    problem = client_code_problem(code)
    assert problem is not None and kind in problem


@pytest.mark.parametrize("code", ANONYMOUS)
def test_it_accepts_a_pseudonymous_client_code(code):
    assert client_code_problem(code) is None


def test_the_domain_function_refuses_an_identity_number(learner, counselling):
    with pytest.raises(ValidationError) as error:
        log_hours(learner, counselling, client_code="010190-12345")
    assert "identity number" in str(error.value.message_dict["client_code"])
    assert not HoursEntry.objects.exists()


def test_the_form_says_why_a_client_code_is_refused(client, learner, counselling):
    client.force_login(learner)
    response = client.post(
        reverse("learners:hours_add"), form_data(counselling, client_code="lene@example.no")
    )
    assert response.status_code == 400
    assert "must not be an e-mail address" in response.content.decode()
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"date": "tomorrow"}, "date", "in the future"),
        ({"hours": Decimal("1.1")}, "hours", "quarter hour"),
        ({"hours": Decimal("0")}, "hours", "more than 0"),
        ({"hours": Decimal("-1")}, "hours", "more than 0"),
        ({"hours": Decimal("24.25")}, "hours", "24 hours"),
        ({"setting": ""}, "setting", "cannot be blank"),
    ],
)
def test_it_refuses_an_invalid_entry(learner, counselling, values, field, message):
    if values.get("date") == "tomorrow":  # computed when the test runs, not when collected
        values = {"date": days_ago(-1)}
    with pytest.raises(ValidationError) as error:
        log_hours(learner, counselling, **values)
    assert message in " ".join(error.value.message_dict[field])
    assert not HoursEntry.objects.exists()


def test_a_day_adds_up_to_at_most_24_hours(learner, counselling, categories):
    day = days_ago(3)
    log_hours(learner, counselling, date=day, hours=Decimal("16"))
    log_hours(learner, categories["rapportering"], date=day, hours=Decimal("8"))
    with pytest.raises(ValidationError, match="more than 24 hours"):
        log_hours(learner, counselling, date=day, hours=Decimal("0.25"))
    # another day is another 24 hours
    log_hours(learner, counselling, date=days_ago(4), hours=Decimal("0.25"))


def test_the_category_comes_from_the_programmes_list(learner, counselling, avholdt):
    foreign = PracticeCategory.objects.create(programme=avholdt, name="Annet", slug="annet")
    with pytest.raises(ValidationError, match="this programme's list"):
        hours.create_entry(
            learner=learner,
            programme=counselling.programme,
            category=foreign,
            date=days_ago(1),
            hours=Decimal(1),
            setting="x",
            description="y",
        )


def test_the_form_offers_only_the_programmes_categories(client, learner, counselling, avholdt):
    foreign = PracticeCategory.objects.create(programme=avholdt, name="Annet", slug="annet")
    client.force_login(learner)
    response = client.post(
        reverse("learners:hours_add"), form_data(counselling, category=foreign.pk)
    )
    assert response.status_code == 400
    assert not HoursEntry.objects.exists()


def test_a_retired_category_takes_no_new_hours(learner, counselling):
    counselling.active = False
    counselling.save()
    with pytest.raises(ValidationError, match="no longer open"):
        log_hours(learner, counselling)


def test_supervision_received_says_individual_or_group(learner, categories):
    supervision = categories["mottatt-veiledning"]
    with pytest.raises(ValidationError, match="individual or in a group"):
        log_hours(learner, supervision)
    entry = log_hours(learner, supervision, supervision_type="group")
    assert entry.supervision_type == "group"


def test_supervision_type_is_dropped_for_other_categories(learner, counselling):
    assert log_hours(learner, counselling, supervision_type="group").supervision_type == ""


def test_a_learner_outside_the_programme_cannot_log_hours(roles, counselling):
    from tests.factories import UserFactory

    stranger = UserFactory(username="stranger")
    with pytest.raises(ValidationError, match="do not log hours"):
        log_hours(stranger, counselling)


def test_a_learner_logs_hours_through_the_form(client, learner, counselling):
    client.force_login(learner)
    assert client.get(reverse("learners:hours_add")).status_code == 200
    response = client.post(reverse("learners:hours_add"), form_data(counselling))
    entry = HoursEntry.objects.get()
    assert response.status_code == 302 and response.url == entry.get_absolute_url()
    assert entry.status == "draft" and entry.hours == Decimal("2.25")
    assert [event.action for event in hours.history(entry)] == ["hours.created"]


def test_a_draft_is_editable_and_deletable(client, learner, counselling):
    entry = log_hours(learner, counselling)
    client.force_login(learner)
    response = client.post(
        reverse("learners:hours_edit", args=[entry.pk]), form_data(counselling, hours="3")
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.hours == Decimal(3)
    client.post(reverse("learners:hours_delete", args=[entry.pk]))
    assert not HoursEntry.objects.exists()


def test_a_submitted_entry_waits_and_cannot_be_changed(learner, counselling):
    entry = log_hours(learner, counselling, status="submitted")
    with pytest.raises(ValidationError, match="waiting for sign-off"):
        hours.update_entry(entry, by=learner, hours=Decimal(2))
    with pytest.raises(ValidationError, match="waiting for sign-off"):
        hours.delete_entry(entry, by=learner)


def test_it_submits_many_drafts_at_once(client, learner, counselling):
    entries = [log_hours(learner, counselling, date=days_ago(day)) for day in (1, 2, 3)]
    client.force_login(learner)
    response = client.post(
        reverse("learners:hours_submit"), {"entries": [entry.pk for entry in entries[:2]]}
    )
    assert response.status_code == 302
    statuses = dict(HoursEntry.objects.values_list("pk", "status"))
    assert [statuses[entry.pk] for entry in entries] == ["submitted", "submitted", "draft"]


def test_submitting_nothing_changes_nothing(client, learner, counselling):
    log_hours(learner, counselling)
    client.force_login(learner)
    response = client.post(reverse("learners:hours_submit"), {}, follow=True)
    assert "Choose at least one entry" in response.content.decode()
    assert HoursEntry.objects.get().status == "draft"


def test_a_returned_entry_is_edited_and_resubmitted(learner, supervisor, counselling):
    entry = log_hours(learner, counselling, status="returned", supervisor=supervisor)
    entry = hours.update_entry(entry, by=learner, setting="Poliklinikken, Loland")
    [entry] = hours.submit([entry], by=learner)
    assert entry.status == "submitted"
    actions = [event.action for event in hours.history(entry)]
    assert actions == [
        "hours.created", "hours.submitted", "hours.returned", "hours.edited", "hours.submitted"
    ]  # fmt: skip


def test_the_log_lists_the_learners_entries_and_progress(client, learner, counselling):
    log_hours(learner, counselling, date=datetime.date.today() - datetime.timedelta(days=1))
    client.force_login(learner)
    response = client.get(reverse("learners:hours"))
    body = response.content.decode()
    assert response.status_code == 200
    assert counselling.name in body and "<progress" in body


@pytest.mark.parametrize(
    "value", ["1e309", "1e999999", "-1e309", "NaN", "Infinity", "24.25", "9" * 40]
)
def test_hours_that_are_not_a_day_of_quarters_are_refused_with_a_message(
    client, learner, counselling, value
):
    client.force_login(learner)
    response = client.post(reverse("learners:hours_add"), form_data(counselling, hours=value))
    assert response.status_code == 400
    assert 'id="id_hours_error"' in response.content.decode()
    assert not HoursEntry.objects.exists()
