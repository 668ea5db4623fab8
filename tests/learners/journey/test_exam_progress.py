"""An exam result drives the module's "passed" fact and its completion at once."""

from courses.models import ModulePage
from learners.journey import progress
from learners.journey.receivers import exam_graded
from learners.models import ModuleProgress


class FakeAttempt:
    def __init__(self, exam, learner):
        self.exam, self.learner = exam, learner


def test_a_graded_exam_under_a_module_completes_an_exam_passed_module(
    learner, avholdt, avholdt_modules, monkeypatch
):
    module = avholdt_modules[0]
    module.completion_rule = ModulePage.CompletionRule.EXAM_PASSED
    module.save(update_fields=["completion_rule"])
    progress.enrol(learner=learner, programme=avholdt, actor=learner)
    exam_like = ModulePage(path=module.path + "0001", depth=module.depth + 1)
    monkeypatch.setattr("assessments.services.has_passed", lambda **kw: True)
    exam_graded(None, attempt=FakeAttempt(exam_like, learner))
    state = ModuleProgress.objects.get(learner=learner, module=module)
    assert state.passed_at and state.completed_at
    monkeypatch.setattr("assessments.services.has_passed", lambda **kw: False)
    exam_graded(None, attempt=FakeAttempt(exam_like, learner))
    state.refresh_from_db()
    assert state.passed_at is None and state.completed_at is None
