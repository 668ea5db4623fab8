"""Certification listens to what can change a learner's standing against a track: a
module completed, an exam graded, hours approved, an attestation or a practicum meeting
confirmed (connected in ``LearnersConfig.ready()``)."""

from .standing import note_event, refresh, refresh_for_module


def module_completed(sender, *, learner, module, **kwargs) -> None:
    refresh_for_module(learner=learner, module=module)


def attempt_graded(sender, *, learner, programme, **kwargs) -> None:
    if programme is not None:
        note_event(learner=learner, programme=programme)


def hours_approved(sender, *, learner, programme, **kwargs) -> None:
    note_event(learner=learner, programme=programme)


def practicum_confirmed(sender, *, learner, programme, **kwargs) -> None:
    note_event(learner=learner, programme=programme)


def attestation_confirmed(sender, *, learner, programme, **kwargs) -> None:
    """An administrator's confirmation is evaluated at once, whatever the track's
    issuing."""
    refresh(learner=learner, programme=programme)
