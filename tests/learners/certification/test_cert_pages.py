"""The administrator's certificate page keeps revoking apart from renewing, and the
checklist names what is missing in words a learner reads."""

import re

import pytest
from django.urls import reverse

from courses.models import ProgrammePage, TrackRequirement
from learners.certification import certificates as domain
from learners.certification.eligibility import eligibility
from tests.factories import CompletedModuleFactory, certification_track

Kind = TrackRequirement.Kind


@pytest.fixture
def certificate(learner, avholdt, avholdt_modules, administrator):
    certification_track(avholdt, rows=[("module", avholdt_modules[0].content_key, None, "")])
    CompletedModuleFactory(learner=learner, module=avholdt_modules[0])
    return domain.issue_certificate(learner=learner, programme=avholdt, actor=administrator)


def test_revoking_is_confirmed_in_a_second_step_and_styled_as_destructive(
    client, administrator, certificate
):
    client.force_login(administrator)
    html = client.get(reverse("learners:certificates-manage")).content.decode()
    revoke = reverse("learners:certificates-revoke", args=[certificate.pk])
    renew = reverse("learners:certificates-renew", args=[certificate.pk])
    disclosure = re.search(r'<details class="confirm">.*?</details>', html, re.S).group(0)
    # The first step only opens the question; the form that revokes is inside it.
    assert f'action="{revoke}"' in disclosure and 'data-color="danger"' in disclosure
    assert "This cannot be undone" in disclosure
    assert f'action="{renew}"' not in disclosure
    renew_form = re.search(rf'<form method="post" action="{renew}">.*?</form>', html, re.S)
    assert 'data-color="danger"' not in renew_form.group(0)


def test_the_recent_certificates_table_is_a_focusable_region_named_by_its_caption(
    client, administrator, certificate
):
    client.force_login(administrator)
    html = client.get(reverse("learners:certificates-manage")).content.decode()
    assert 'role="region" tabindex="0" aria-labelledby="recent-caption"' in html
    assert 'id="recent-caption"' in html


def test_education_requirements_are_named_by_their_topic_not_their_key(learner, db):
    programme = ProgrammePage.objects.get(content_key="rusradgiver")
    messages = [result.message for result in eligibility(learner, programme).requirements]
    assert any("education in yrkesetikk" in message for message in messages), messages
    assert not any("in etikk" in message for message in messages)


def test_an_unconfirmed_attestation_does_not_claim_something_waits(learner, avholdt):
    certification_track(avholdt, rows=[(Kind.ATTESTATION, "etikk", None, "Signert erklæring")])
    [result] = eligibility(learner, avholdt).requirements
    assert not result.met
    assert "Waiting" not in result.message
    assert result.message.startswith("Not confirmed yet: Signert erklæring")
