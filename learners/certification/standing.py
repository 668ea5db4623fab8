"""A learner's certification standing after an event: the rule that evaluates eligibility
again and issues the certificate where the track issues automatically. Called by the
room's receivers (module completed, exam graded, hours approved, attestation confirmed)
and by the programme page."""

from courses.models import CertificationTrack, ModulePage, ProgrammePage, TrackRequirement

from .certificates import course_completed, issue_if_due
from .eligibility import evaluate_and_store
from .models import EligibilitySnapshot
from .results import Eligibility


def note_event(*, learner, programme: ProgrammePage) -> None:
    """Something that can change eligibility happened. A track that issues automatically
    is evaluated at once (and may issue); for one that waits for approval the stored
    standing is only marked stale — two queries — and evaluated when next read (the
    programme page, the administrator's approval queue)."""
    issuing = (
        CertificationTrack.objects.filter(programme=programme)
        .values_list("issuing", flat=True)
        .first()
    )
    if issuing == CertificationTrack.Issuing.AUTOMATIC:
        refresh(learner=learner, programme=programme)
    elif issuing is None:
        issue_course_certificate_if_due(learner=learner, programme=programme)
    elif issuing is not None:
        EligibilitySnapshot.objects.filter(learner=learner, programme=programme).update(stale=True)


def refresh(*, learner, programme: ProgrammePage) -> Eligibility | None:
    """Evaluate again after an event, remember the result, and issue the certificate
    where the track issues automatically and the learner has no current certificate."""
    result = evaluate_and_store(learner=learner, programme=programme)
    if result and result.eligible and result.track.issuing == CertificationTrack.Issuing.AUTOMATIC:
        issue_if_due(learner=learner, programme=programme)
    return result


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
        for track in others.select_related("programme").distinct():
            note_event(learner=learner, programme=track.programme)
