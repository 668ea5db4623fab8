"""Programme, module and exam pages (wagtail-factories: each is created as a child of its
``parent`` page)."""

from decimal import Decimal

import factory
import wagtail_factories

from assessments.models import ExamPage, ExamQuestion
from courses.models import ModulePage, ProgrammePage


class ProgrammePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProgrammePage

    title = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    summary = "A programme for tests."
    audience = "Staff in treatment."
    outcomes = "Know the work"
    estimated_hours = Decimal(10)
    language = "nb"


class ModulePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    order = factory.Sequence(lambda n: n + 1)
    estimated_minutes = 30
    outcomes = "Do the thing"


class ExamPageFactory(wagtail_factories.PageFactory):
    """An exam under ``parent`` (a programme or module) with the given ``questions``,
    fixed and in this order."""

    class Meta:
        model = ExamPage
        skip_postgeneration_save = True

    title = "Test exam"
    slug = factory.Sequence(lambda n: f"exam-{n}")
    pass_mark = 60
    time_limit_minutes = 30
    attempts_allowed = 2
    feedback_policy = ExamPage.Feedback.IMMEDIATELY
    layout = ExamPage.Layout.ALL_ON_ONE_PAGE

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        if extracted:
            self.exam_questions = [
                ExamQuestion(question=question, sort_order=index)
                for index, question in enumerate(extracted)
            ]
            if create:
                self.save()
