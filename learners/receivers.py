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
