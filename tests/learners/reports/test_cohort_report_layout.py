"""The cohort report at any width: every table scrolls in its own keyboard-focusable
region named by its caption, the learner column stays in view, and a programme without
an hours requirement is not said to need 0 hours."""

import re

from django.urls import reverse

from learners.hours.models import HoursRequirement


def report(client, lead, cohort) -> str:
    client.force_login(lead)
    return client.get(reverse("learners:cohort-report", args=[cohort.pk])).content.decode()


def test_the_matrix_scrolls_in_a_focusable_region_with_the_learner_column_in_view(
    client, lead, cohort
):
    html = report(client, lead, cohort)
    region = re.search(r'<div class="table-region table-region--sticky"[^>]*>', html).group(0)
    assert 'role="region"' in region and 'tabindex="0"' in region
    assert 'aria-labelledby="matrix-caption"' in region
    assert '<caption id="matrix-caption"' in html


def test_every_table_of_the_report_is_in_a_named_region(client, lead, cohort):
    html = report(client, lead, cohort)
    tables = html.count("<table")
    regions = re.findall(r'role="region" tabindex="0" aria-labelledby="([^"]+)"', html)
    assert len(regions) == tables
    for caption in regions:
        assert f'id="{caption}"' in html


def test_a_programme_without_an_hours_requirement_is_not_said_to_need_zero(client, lead, cohort):
    assert not HoursRequirement.objects.filter(programme=cohort.programme).exists()
    html = report(client, lead, cohort)
    assert "needs 0" not in html and " of 0<" not in html
    assert "This programme has no practice hours requirement." in html
