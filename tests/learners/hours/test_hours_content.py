"""A fresh site (``load_content``) has practice categories wherever hours count: a new
learner logs hours in every such programme at once."""

from django.urls import reverse

from courses.models import CertificationTrack, ProgrammePage, TrackRequirement
from learners.models import Enrolment, HoursEntry, PracticeCategory

from .conftest import form_data


def test_a_new_learner_logs_hours_in_every_programme_that_counts_them(client, learner):
    counting = {
        track.programme_id
        for track in CertificationTrack.objects.prefetch_related("requirements")
        if any(row.kind in TrackRequirement.PRACTICE for row in track.requirements.all())
    }
    with_categories = set(
        PracticeCategory.objects.filter(active=True).values_list("programme_id", flat=True)
    )
    assert counting and counting <= with_categories
    client.force_login(learner)
    for programme in ProgrammePage.objects.filter(pk__in=with_categories):
        Enrolment.objects.create(learner=learner, programme=programme)
        category = PracticeCategory.objects.filter(programme=programme, active=True).first()
        response = client.post(reverse("learners:hours_add"), form_data(category))
        assert response.status_code == 302, programme
    assert HoursEntry.objects.filter(learner=learner).count() == len(with_categories)
