"""Signals other apps listen to.

``attempt_graded`` is the base layer's ``cms.events.attempt_graded`` (the same object,
kept importable here): sent with ``attempt``, ``learner``, ``exam``, ``programme`` and
``passed`` whenever an attempt's result becomes final (passed or failed) or changes on a
regrade. It is sent inside the grading transaction, so a receiver that updates progress
commits or rolls back together with the result.
"""

from cms.events import attempt_graded

__all__ = ["attempt_graded"]
