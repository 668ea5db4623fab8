"""A programme without a certification track gives a course certificate when its last
module is completed, with the programme's learning outcomes and hours."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learners.certification import certificates as domain
from learners.journey import progress
from learners.models import Certificate


@pytest.fixture
def enrolled(learner, avholdt):
    return progress.enrol(learner=learner, programme=avholdt, actor=learner)


def test_completing_the_last_module_issues_a_course_certificate(
    client, learner, enrolled, avholdt, avholdt_modules
):
    for module in avholdt_modules[:-1]:
        progress.mark_done(learner=learner, module=module)
    assert not Certificate.objects.exists()
    progress.mark_done(learner=learner, module=avholdt_modules[-1])
    certificate = Certificate.objects.get()
    assert certificate.category == Certificate.Category.COURSE
    assert certificate.outcomes == avholdt.outcome_list and certificate.outcomes
    assert certificate.hours == avholdt.estimated_hours
    assert certificate.expires_on is None and certificate.valid_until() is None
    credential = json.loads(certificate.credential_ld)
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "Course"
    assert achievement["creditsAvailable"] == float(avholdt.estimated_hours)
    assert avholdt.outcome_list[0] in achievement["criteria"]["narrative"]
    assert "validUntil" not in credential
    # Completing again (undo, redo) issues nothing more: one current certificate is enough.
    progress.mark_done(learner=learner, module=avholdt_modules[-1], done=False)
    progress.mark_done(learner=learner, module=avholdt_modules[-1])
    assert Certificate.objects.count() == 1
    page = client.get(
        reverse("verify", args=[certificate.verification_id]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "This certificate is valid." in page


def test_no_course_certificate_before_every_module_is_completed(learner, enrolled, avholdt):
    with pytest.raises(ValidationError, match="Complete every module"):
        domain.issue_certificate(learner=learner, programme=avholdt)
