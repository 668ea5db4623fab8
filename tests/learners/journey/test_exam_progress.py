"""An exam result drives the module's "passed" fact and its completion at once."""

from courses.models import ModulePage
from learners.journey import progress
from learners.journey.receivers import exam_graded
from learners.models import ModuleProgress


def test_a_graded_exam_under_a_module_completes_an_exam_passed_module(
    learner, avholdt, avholdt_modules
):
    module = avholdt_modules[0]
    module.completion_rule = ModulePage.CompletionRule.EXAM_PASSED
    module.save(update_fields=["completion_rule"])
    progress.enrol(learner=learner, programme=avholdt, actor=learner)
    exam_like = ModulePage(path=module.path + "0001", depth=module.depth + 1)
    exam_graded(None, attempt=None, learner=learner, exam=exam_like, passed=True)
    state = ModuleProgress.objects.get(learner=learner, module=module)
    assert state.passed_at and state.completed_at
    exam_graded(None, attempt=None, learner=learner, exam=exam_like, passed=False)
    state.refresh_from_db()
    assert state.passed_at is None and state.completed_at is None
