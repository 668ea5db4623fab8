"""Demo data: the named people, their groups and what each may do in the admin."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone, translation

from cms.roles import WORKFLOW_NAME
from courses.models import ModulePage, ProgrammePage
from learners.certification import certificates, demo, education
from learners.certification.eligibility import eligibility
from learners.journey import signoff
from learners.models import Certificate, Cohort, ExternalEducation, Organisation
from learners.practicum.models import PracticumEntry

USERNAMES = ["admin", "lead", "supervisor", "learner", "learner2", "learner3", "mentor", "leader"]


def load_demo(**kwargs) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, **kwargs)
    return out.getvalue()


def test_it_refuses_without_debug(db):
    with pytest.raises(CommandError, match="DEBUG"):
        load_demo()
    assert not get_user_model().objects.filter(username="admin").exists()


@override_settings(DEBUG=True)
def test_it_creates_the_people_organisation_and_cohort(db):
    output = load_demo()
    for username in USERNAMES:
        assert authenticate(username=username, password="praksis-demo") is not None
        assert username in output
    cohort = Cohort.objects.get(programme__content_key="avholdt")
    assert set(cohort.members.values_list("username", flat=True)) == {
        "learner", "learner2", "learner3", "leader"
    }  # fmt: skip


def test_force_loads_without_debug_and_twice_duplicates_nothing(db):
    load_demo(force=True)
    load_demo(force=True)
    assert get_user_model().objects.filter(username__in=USERNAMES).count() == 8
    assert Organisation.objects.count() == 1 and Cohort.objects.count() == 2
    # A course certificate in every state: valid, superseded by its re-issue, revoked;
    # and the counsellor certificate of the learner close to renewal.
    course = Certificate.objects.filter(category="course")
    assert sorted(certificate.state() for certificate in course) == [
        "revoked", "superseded", "valid"
    ]  # fmt: skip
    certified = Certificate.objects.exclude(category="course").get()
    assert certified.learner.username == "learner3" and certified.state() == "valid"


def test_running_it_again_keeps_a_changed_password(db):
    load_demo(force=True)
    user = get_user_model().objects.get(username="learner")
    user.set_password("mitt-eget-passord")
    user.save()
    load_demo(force=True)
    assert authenticate(username="learner", password="mitt-eget-passord") is not None


@pytest.mark.parametrize(
    ("username", "admin_status"),
    [("admin", 200), ("lead", 200), ("supervisor", 302), ("learner", 302)],
)
def test_only_administrators_and_leads_enter_the_admin(client, db, username, admin_status):
    load_demo(force=True)
    client.force_login(get_user_model().objects.get(username=username))
    assert client.get("/admin/").status_code == admin_status


def test_a_lead_can_edit_modules_and_changes_go_through_review(client, db):
    load_demo(force=True)
    lead = get_user_model().objects.get(username="lead")
    module = ModulePage.objects.get(content_key="avholdt-01")
    assert module.permissions_for_user(lead).can_edit()
    # Four eyes: a lead submits for review; publishing is the reviewer's approval.
    assert not module.permissions_for_user(lead).can_publish()
    workflow = module.get_workflow()
    assert workflow is not None and workflow.name == WORKFLOW_NAME
    client.force_login(lead)
    assert client.get(f"/admin/pages/{module.pk}/edit/").status_code == 200


def test_a_learner_cannot_edit_pages(db):
    load_demo(force=True)
    learner = get_user_model().objects.get(username="learner")
    module = ModulePage.objects.get(content_key="avholdt-01")
    assert not module.permissions_for_user(learner).can_edit()


def test_an_administrator_lists_cohorts_in_the_admin(client, db, django_assert_max_num_queries):
    load_demo(force=True)
    client.force_login(get_user_model().objects.get(username="admin"))
    with django_assert_max_num_queries(40):
        response = client.get("/admin/snippets/learners/cohort/")
    assert response.status_code == 200
    assert "AvHoldt 2026" in response.content.decode()


@override_settings(DEBUG=True)
def test_the_demo_learners_show_the_counsellor_track_short_eligible_and_near_renewal(db):
    load_demo()
    load_demo()  # idempotent
    User = get_user_model()
    counsellor = ProgrammePage.objects.get(content_key="rusradgiver")
    short, eligible, certified = (
        User.objects.get(username=name) for name in ("learner", "learner2", "learner3")
    )
    with translation.override("en"):
        [missing] = eligibility(short, counsellor).missing
    assert missing.kind == "practice_hours" and missing.missing == 6
    assert eligibility(eligible, counsellor).eligible
    certificate = certificates.current_certificate(
        learner=certified, programme=counsellor, level="adc"
    )
    assert 0 < (certificate.expires_on - timezone.localdate()).days < 90
    assert (certificate.signatory_name, certificate.signatory_title) == demo.SIGNATORY
    assert certificate.requirements  # what its second page lists
    [problem] = certificates.renewal_problems(certificate)
    assert problem.startswith("6")
    # Holding level I, she works toward level II: degree confirmed, 10 hours of
    # supervision short, the supervisor's domain confirmation and the AADC work
    # experience still to declare.
    with translation.override("en"):
        missing = eligibility(certified, counsellor, "aadc").missing
    assert [(item.kind, item.key) for item in missing] == [
        ("supervision_hours", ""),
        ("declaration", "veiledning-domener"),
        ("declaration", "arbeidserfaring-aadc"),
    ]
    assert missing[0].missing == 10
    # Renewal of the certified counsellor is reachable by the real level I track: six
    # more hours of approved continuing education and it renews, at the same level.
    course = ExternalEducation.objects.create(
        learner=certified, provider="KoRus Øst", title="Fagdag", date=timezone.localdate(),
        hours=6, topics="rusfaglig", face_to_face=True,
    )  # fmt: skip
    education.decide(course, by=User.objects.get(username="admin"), approve=True)
    assert certificates.renewal_problems(certificate) == []
    renewed = certificates.renew_certificate(certificate=certificate)
    assert (renewed.level, renewed.kind) == ("adc", "renewal")


@override_settings(DEBUG=True)
def test_the_demo_mentor_has_a_meeting_to_confirm_for_lene_in_smart(client, db):
    load_demo()
    load_demo()  # idempotent: no meeting twice
    mentor = get_user_model().objects.get(username="mentor")
    learner = get_user_model().objects.get(username="learner")
    assert PracticumEntry.objects.filter(learner=learner).count() == 4
    [waiting] = PracticumEntry.objects.pending_for(mentor)
    client.force_login(mentor)
    assert "Lene" in client.get("/practicum/mentor/").content.decode()
    assert "Your mentees" in client.get("/dashboard/").content.decode()
    smart = ProgrammePage.objects.get(content_key="smart-facilitator")
    [practicum] = [r for r in eligibility(learner, smart).requirements if r.kind == "practicum"]
    assert int(practicum.achieved) == 2 and not practicum.met


def test_the_demo_leader_has_a_module_waiting_for_sign_off(db, client):
    load_demo(force=True)
    load_demo(force=True)  # idempotent: still one request
    leader = get_user_model().objects.get(username="leader")
    [waiting] = signoff.queue(leader)
    assert waiting.learner.username == "learner"
    assert waiting.module.specific.content_key == "rusmiddelprotokol-06"
    client.force_login(leader)
    assert "Modules waiting for your sign-off" in client.get("/dashboard/").text
