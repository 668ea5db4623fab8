"""Signals other apps listen to.

``attempt_graded`` is sent with ``attempt=`` whenever an attempt's result becomes final
(passed or failed) or changes on a regrade. It is sent inside the grading transaction,
so a receiver that updates progress commits or rolls back together with the result.
"""

from django.dispatch import Signal

attempt_graded = Signal()
