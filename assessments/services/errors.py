"""What an exam rule says when it refuses: each error carries a sentence for the person."""

from django.utils.translation import gettext_lazy


class ExamRuleError(Exception):
    """A rule refused the request; ``message`` is shown to the person."""

    message = gettext_lazy("This is not allowed.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class NotEnrolled(ExamRuleError):
    message = gettext_lazy("Only learners enrolled in this programme can take the exam.")


class ModuleLocked(ExamRuleError):
    message = gettext_lazy(
        "This exam belongs to a module you cannot open yet: complete its prerequisites first."
    )


class OutsideWindow(ExamRuleError):
    message = gettext_lazy("The exam is not open now.")


class NoAttemptsLeft(ExamRuleError):
    message = gettext_lazy("You have used all your attempts at this exam.")


class CoolingDown(ExamRuleError):
    message = gettext_lazy("You can try again later.")


class AttemptClosed(ExamRuleError):
    message = gettext_lazy("This attempt has been submitted; it can no longer be changed.")


class AnswerTooLate(AttemptClosed):
    message = gettext_lazy("Time is up: the answer came after the deadline and was not saved.")


class QuestionNotInAttempt(ExamRuleError):
    message = gettext_lazy("That question is not part of this attempt.")


class InvalidAnswer(ExamRuleError):
    message = gettext_lazy("That answer does not fit the question.")


class NotGradable(ExamRuleError):
    message = gettext_lazy("This answer cannot be graded now.")
