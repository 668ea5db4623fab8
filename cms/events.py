"""The events that travel up the layers. The room where something happens sends the
signal; rooms above listen (connected in their ``AppConfig.ready()``), so a lower room
never imports a higher one. Every signal is sent inside the transaction of the change it
announces, so a receiver's writes commit or roll back together with it.
"""

from django.dispatch import Signal

module_completed = Signal()
"""Sent by ``learners.journey`` when a learner's module becomes completed, or stops being
completed (a regraded exam took the pass away, a corrected attendance). Keyword
arguments: ``learner``, ``module`` (a ``courses.ModulePage``), ``completed`` (bool)."""

attempt_graded = Signal()
"""Sent by ``assessments`` whenever an attempt's result becomes final (passed or failed)
or changes on a regrade. Keyword arguments: ``attempt``, ``learner``, ``exam`` (the exam
page), ``programme`` (the ``courses.ProgrammePage`` the exam belongs to) and ``passed``
— whether the learner has passed this exam in any attempt, so listeners need not ask
the assessments app."""

hours_approved = Signal()
"""Sent by ``learners.hours`` when practice hours were approved (signed): once per
learner and programme, also for many entries approved at once. Keyword arguments:
``learner``, ``programme``."""

attendance_changed = Signal()
"""Sent by ``learners.cohorts`` when a learner's attendance at a session is recorded or
corrected. Keyword arguments: ``learner``, ``session``, ``module`` (the session's
``courses.ModulePage``) and ``attended`` — whether any session of that module now has
the learner present."""

attestation_confirmed = Signal()
"""Sent by ``learners.certification`` when an administrator confirms an attestation.
Keyword arguments: ``learner``, ``programme``, ``attestation``."""
