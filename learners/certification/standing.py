"""A learner's certification standing after an event: the rule that evaluates eligibility
again and issues the certificate where the track issues automatically. Called by the
room's receivers (module completed, exam graded, hours approved, attestation confirmed)
and by the programme page."""

from courses.models import CertificationTrack, ModulePage, ProgrammePage, TrackRequirement

from .certificates import course_completed, issue_if_due
from .eligibility import standing_against, store, tracks_for
from .models import EligibilitySnapshot
from .results import Eligibility


def note_event(*, learner, programme: ProgrammePage) -> None:
    """Something that can change eligibility happened. A programme with a level that
    issues automatically is evaluated at once (and may issue); where every level waits
    for approval the stored standings are only marked stale — two queries — and
    evaluated when next read (the programme page, the administrator's approval queue)."""
    issuing = set(
        CertificationTrack.objects.filter(programme=programme).values_list("issuing", flat=True)
    )
    if CertificationTrack.Issuing.AUTOMATIC in issuing:
        refresh(learner=learner, programme=programme)
    elif not issuing:
        issue_course_certificate_if_due(learner=learner, programme=programme)
    else:
        EligibilitySnapshot.objects.filter(learner=learner, programme=programme).update(stale=True)


def refresh(*, learner, programme: ProgrammePage) -> list[Eligibility]:
    """Evaluate every level again after an event, lowest first, remember the results,
    and issue a level's certificate where its track issues automatically and the learner
    has no current certificate of it — before the next level is evaluated, so a level
    that requires the one below sees it held. Empty for a programme without a track."""
    results = []
    for track in tracks_for(programme):
        result = store(learner, standing_against(learner, track))
        if result.eligible and track.issuing == CertificationTrack.Issuing.AUTOMATIC:
            issue_if_due(learner=learner, programme=programme, level=track.key)
        results.append(result)
    return results


def issue_course_certificate_if_due(*, learner, programme: ProgrammePage) -> None:
    """A programme without a track gives a course certificate when its last module is
    completed (once: a learner holding a current one gets no other)."""
    if course_completed(learner=learner, programme=programme):
        issue_if_due(learner=learner, programme=programme)


def refresh_for_module(*, learner, module: ModulePage) -> None:
    """A module's completion changed: its own programme, and any track counting its
    topics as education."""
    programme = module.programme
    note_event(learner=learner, programme=programme)
    if module.topic_list:
        others = CertificationTrack.objects.filter(
            requirements__kind=TrackRequirement.Kind.EDUCATION,
            requirements__key__in=module.topic_list,
        ).exclude(programme=programme)
        for programme_id in set(others.values_list("programme", flat=True)):
            note_event(learner=learner, programme=ProgrammePage.objects.get(pk=programme_id))
