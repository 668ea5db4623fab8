"""Query budget: the cohort report (and its export) for 20 learners × 10 modules costs
the same number of queries as for 2 × 10; the page shows one page of learners."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learners.models import Attendance, ModuleProgress, Session
from learners.reports.views import ROWS_PER_PAGE

# The report itself needs about 14 (modules, departments, members and their departments,
# progress, hours: 3, attended hours, certificates hook, deadlines, exams, attempt
# statistics, sessions, may-manage); the rest is the session, the user, groups, and the
# base template (site, settings, catalogue, notifications, cohorts link).
REPORT_BUDGET = 30


def grow(cohort, wards, modules, size):
    """Fill the cohort up to ``size`` members, with progress in every state."""
    User = get_user_model()
    existing = cohort.members.count()
    people = User.objects.bulk_create(
        User(username=f"person{size}-{n}", first_name="Person", last_name=f"{size}-{n}")
        for n in range(size - existing)
    )
    cohort.members.add(*people)
    wards[0].staff.add(*people[::2])
    wards[1].staff.add(*people[1::2])
    now = timezone.now()
    rows = []
    for i, person in enumerate(people):
        for j, module in enumerate(modules):
            state = (i + j) % 4
            if state == 0:
                continue
            rows.append(
                ModuleProgress(
                    learner=person,
                    module=module,
                    completed_at=now if state >= 2 else None,
                    passed_at=now if state == 3 else None,
                )
            )
    ModuleProgress.objects.bulk_create(rows)
    session = Session.objects.create(
        cohort=cohort, module=modules[0], title="Økt", starts_at=now, place="Rom 1"
    )
    Attendance.objects.bulk_create(
        Attendance(session=session, learner=person, status="present") for person in people
    )


def count(client, url) -> int:
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["learners:cohort-report", "learners:cohort-export"])
def test_the_report_for_200_learners_by_10_modules_runs_constant_queries(
    client, lead, cohort, wards, ten_modules, name, django_assert_max_num_queries
):
    url = reverse(name, args=[cohort.pk]) + ("?format=xlsx" if "export" in name else "")
    client.force_login(lead)
    grow(cohort, wards, ten_modules, 2)
    small = count(client, url)
    grow(cohort, wards, ten_modules, 20)
    assert cohort.members.count() == 20
    large = count(client, url)
    assert large == small
    with django_assert_max_num_queries(REPORT_BUDGET):
        response = client.get(url)
    if "report" in name:
        assert response.content.decode().count('data-status="') == 20 * 10


def test_the_report_shows_one_page_of_learners_and_counts_them_all(
    client, lead, cohort, wards, ten_modules
):
    grow(cohort, wards, ten_modules, ROWS_PER_PAGE + 5)
    client.force_login(lead)
    url = reverse("learners:cohort-report", args=[cohort.pk])
    first = client.get(url).content.decode()
    assert first.count("<tr data-learner=") == ROWS_PER_PAGE
    assert f"{ROWS_PER_PAGE + 5} learners by module" in first and 'rel="next"' in first
    last = client.get(url, {"page": 2}).content.decode()
    assert last.count("<tr data-learner=") == 5
    # The totals describe every learner, whichever page is shown.
    assert f">{ROWS_PER_PAGE + 5}/{ROWS_PER_PAGE + 5}<" not in last
    assert f"/{ROWS_PER_PAGE + 5}</td>" in last
