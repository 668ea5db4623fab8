"""The eligibility engine, table-driven over requirement kinds: met, partly met, missing,
corrections of hours, failed-then-passed exams."""

from decimal import Decimal

import pytest
from django.utils import translation

from assessments.models import ExamPage
from learners.certification.eligibility import eligibility
from learners.models import Attestation, EligibilitySnapshot
from tests.factories import (
    ApprovedHoursFactory,
    AttemptFactory,
    CompletedModuleFactory,
    PracticeCategoryFactory,
    certification_track,
)


def group(programme):
    """The programme's group-counselling practice category."""
    return PracticeCategoryFactory(programme=programme, slug="gruppe")


@pytest.fixture
def exam(avholdt):
    return ExamPage.objects.get(content_key="avholdt-eksamen")


@pytest.fixture
def track(avholdt, avholdt_modules, exam):
    avholdt_modules[0].topics = "etikk"
    avholdt_modules[0].save()
    PracticeCategoryFactory(programme=avholdt, slug="gruppe", name="group counselling")
    return certification_track(
        avholdt,
        rows=[
            ("modules", "", None, ""),
            ("module", avholdt_modules[0].content_key, None, ""),
            ("exam", "avholdt-eksamen", None, ""),
            ("hours", "", Decimal(20), ""),
            ("hours_category", "gruppe", Decimal("12.5"), ""),
            ("education", "etikk", Decimal("0.75"), ""),
            ("attestation", "recovery", None, "Two years in recovery"),
        ],
    )


def result(learner, programme, kind):
    with translation.override("en"):
        items = eligibility(learner, programme).requirements
        item = next(i for i in items if i.kind == kind)
        return item.met, item.missing, item.message


def do_nothing(learner, programme, modules, exam):
    pass


def first_module(learner, programme, modules, exam):
    CompletedModuleFactory(learner=learner, module=modules[0])


def all_modules(learner, programme, modules, exam):
    for module in modules:
        CompletedModuleFactory(learner=learner, module=module)


def failed_exam(learner, programme, modules, exam):
    AttemptFactory(learner=learner, exam=exam, programme=programme, status="failed")


def failed_then_passed(learner, programme, modules, exam):
    AttemptFactory(learner=learner, exam=exam, programme=programme, status="failed", number=1)
    AttemptFactory(learner=learner, exam=exam, programme=programme, status="passed", number=2)


def some_group_hours(learner, programme, modules, exam):
    ApprovedHoursFactory(
        learner=learner,
        category=group(programme),
        hours=Decimal("4"),
    )


def enough_group_hours(learner, programme, modules, exam):
    ApprovedHoursFactory(
        learner=learner,
        category=group(programme),
        hours=Decimal("8"),
    )
    ApprovedHoursFactory(
        learner=learner,
        category=group(programme),
        hours=Decimal("4.5"),
    )


def corrected_down(learner, programme, modules, exam):
    original = ApprovedHoursFactory(
        learner=learner,
        category=group(programme),
        hours=Decimal("12.5"),
    )
    ApprovedHoursFactory(
        learner=learner,
        category=group(programme),
        hours=Decimal("2.5"),
        corrects=original,
    )


def attested(learner, programme, modules, exam):
    Attestation.objects.create(
        learner=learner, programme=programme, key="recovery", evidence="a.pdf",
        confirmed_by=learner,
    )  # fmt: skip


CASES = [
    # (what happened, requirement kind, met, missing, message)
    # AvHoldt's step 5 is for resource persons (for_role): six modules are required here.
    (do_nothing, "modules", False, Decimal(6), "Complete 6 more modules"),
    (first_module, "modules", False, Decimal(5), "Complete 5 more modules"),
    (all_modules, "modules", True, Decimal(0), "All modules completed"),
    (do_nothing, "module", False, Decimal(1), "Complete module"),
    (first_module, "module", True, Decimal(0), "completed"),
    (do_nothing, "exam", False, Decimal(1), "Pass exam “Avsluttende"),
    (failed_exam, "exam", False, Decimal(1), "Pass exam"),
    (failed_then_passed, "exam", True, Decimal(0), "passed"),
    (do_nothing, "hours", False, Decimal(20), "20 more approved hours in total"),
    (some_group_hours, "hours", False, Decimal(16), "16 more approved hours in total (4 of 20)"),
    (some_group_hours, "hours_category", False, Decimal("8.5"),
     "8.5 more approved hours in group counselling"),
    (do_nothing, "hours_category", False, Decimal("12.5"),
     "12.5 more approved hours in group counselling"),
    (enough_group_hours, "hours_category", True, Decimal(0), "12.5 approved hours in group"),
    (corrected_down, "hours_category", False, Decimal(10),
     "10 more approved hours in group counselling"),
    (do_nothing, "education", False, Decimal("0.75"), "0.75 more hours of education in etikk"),
    (first_module, "education", True, Decimal(0), "hours of education in etikk"),
    (do_nothing, "attestation", False, Decimal(1), "Not confirmed yet: Two years in recovery"),
    (attested, "attestation", True, Decimal(0), "Confirmed: Two years in recovery"),
]  # fmt: skip


@pytest.mark.parametrize(("event", "kind", "met", "missing", "message"), CASES)
def test_each_requirement_kind(
    learner, avholdt, avholdt_modules, exam, track, event, kind, met, missing, message
):
    event(learner, avholdt, avholdt_modules, exam)
    got_met, got_missing, got_message = result(learner, avholdt, kind)
    assert (got_met, got_missing) == (met, missing)
    assert message in got_message


def test_every_requirement_is_returned_and_all_met_is_eligible(
    learner, avholdt, avholdt_modules, exam, track
):
    assert len(eligibility(learner, avholdt).requirements) == 7
    assert not eligibility(learner, avholdt).eligible
    for event in (all_modules, failed_then_passed, enough_group_hours, attested):
        event(learner, avholdt, avholdt_modules, exam)
    ApprovedHoursFactory(
        learner=learner,
        category=group(avholdt),
        hours=Decimal("7.5"),
    )
    assert eligibility(learner, avholdt).eligible


def test_a_programme_without_a_track_has_no_requirements(learner, avholdt):
    assert eligibility(learner, avholdt).requirements == []
    assert not eligibility(learner, avholdt).eligible


def test_the_programme_page_shows_the_checklist(client, learner, avholdt, track):
    from learners.journey.progress import enrol

    enrol(learner=learner, programme=avholdt, actor=learner)
    client.force_login(learner)
    with translation.override("en"):
        page = client.get(avholdt.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # The category is the programme's word, marked with its language (WCAG 3.1.2).
    assert '12.5 more approved hours in <span lang="nb">group counselling</span>' in page
    assert EligibilitySnapshot.objects.filter(learner=learner, programme=avholdt).exists()


def test_the_dashboard_shows_the_checklist_after_an_event(
    client, learner, avholdt, avholdt_modules, track
):
    from learners.journey.progress import enrol, mark_done

    enrol(learner=learner, programme=avholdt, actor=learner)
    client.force_login(learner)
    client.get(avholdt.url)  # evaluated on demand
    mark_done(learner=learner, module=avholdt_modules[0])
    snapshot = EligibilitySnapshot.objects.get(learner=learner, programme=avholdt)
    assert snapshot.stale  # an approval track: evaluated again when next read
    page = client.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'more approved hours in <span lang="nb">group counselling</span>' in page


def test_an_automatic_track_issues_when_the_last_requirement_is_met(
    learner, avholdt, avholdt_modules
):
    from learners.journey.progress import enrol, mark_done
    from learners.models import Certificate

    certification_track(avholdt, issuing="automatic", rows=[("modules", "", None, "")])
    enrol(learner=learner, programme=avholdt, actor=learner)
    for module in avholdt_modules:
        mark_done(learner=learner, module=module)
    assert Certificate.objects.filter(learner=learner, programme=avholdt).count() == 1
