"""The journey's reactions to events in other rooms and apps (connected in
``LearnersConfig.ready()``)."""

from courses.models import ModulePage

from . import progress


def exam_graded(sender, *, learner, exam, passed: bool, **kwargs) -> None:
    """An exam under a module was graded (``attempt_graded``): the module's "passed" fact
    follows whether the learner has passed the exam in any attempt (a regrade can add or
    take away the pass)."""
    module = ModulePage.objects.filter(path=exam.path[: -exam.steplen]).first()
    if module is None:
        return  # an exam directly under a programme belongs to no module
    progress.record_exam_result(learner=learner, module=module, passed=passed)


def attendance_changed(sender, *, learner, module, attended: bool, **kwargs) -> None:
    """A session's register changed (``attendance_changed``): the module's "attended"
    fact follows whether any of its sessions has the learner present."""
    progress.record_attendance(learner=learner, module=module, attended=attended)


def cohort_roles_changed(sender, *, learner, programme, **kwargs) -> None:
    """A learner's roles in a cohort changed (``cohort_roles_changed``): a module for a
    role became required of them or optional, so their programme's completion is settled
    again."""
    enrolment = progress.active_enrolment(learner=learner, programme=programme)
    if enrolment is not None:
        progress.update_programme_completion(enrolment)
