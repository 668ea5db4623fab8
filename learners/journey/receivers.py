"""Reactions to events in other apps."""

from courses.models import ModulePage

from . import progress


def exam_graded(sender, *, attempt, **kwargs) -> None:
    """An exam under a module was graded: the module's "passed" fact follows whether the
    learner has any passing attempt (a regrade can add or take away the pass)."""
    from assessments.services import has_passed

    exam = attempt.exam
    module = ModulePage.objects.filter(path=exam.path[: -exam.steplen]).first()
    if module is None:
        return  # an exam directly under a programme belongs to no module
    passed = has_passed(learner=attempt.learner, exam=exam)
    progress.record_exam_result(learner=attempt.learner, module=module, passed=passed)


def exam_graded_for_certification(sender, *, attempt, **kwargs) -> None:
    """A graded exam can change the learner's standing against the programme's track."""
    from courses.models import ProgrammePage
    from learners.certification.eligibility import note_event

    exam = attempt.exam
    programme = ProgrammePage.objects.filter(
        path__in=[exam.path[: -exam.steplen], exam.path[: -2 * exam.steplen]]
    ).first()
    if programme is not None:
        note_event(learner=attempt.learner, programme=programme)
