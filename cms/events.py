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
``learner``, ``programme``, ``entries`` (the entries just approved)."""

attendance_changed = Signal()
"""Sent by ``learners.cohorts`` when a learner's attendance at a session is recorded or
corrected. Keyword arguments: ``learner``, ``session``, ``module`` (the session's
``courses.ModulePage``) and ``attended`` — whether any session of that module now has
the learner present."""

practicum_confirmed = Signal()
"""Sent by ``learners.practicum`` when a mentor confirms a practicum meeting. Keyword
arguments: ``learner``, ``programme``, ``entry``."""

attestation_confirmed = Signal()
"""Sent by ``learners.certification`` when an administrator confirms an attestation.
Keyword arguments: ``learner``, ``programme``, ``attestation``."""

comment_added = Signal()
"""Sent by ``learners.journey`` when someone comments on a shared journal entry.
Keyword arguments: ``entry``, ``comment``, ``author`` and ``others`` — the people the
comment concerns besides its author (the entry's learner, or when the learner replies,
everyone else who commented)."""

essay_graded = Signal()
"""Sent by ``assessments`` when a person grades an answer of a submitted attempt.
Keyword arguments: ``answer``, ``attempt``, ``learner`` and ``result_final`` — whether
that grade made the attempt's result final (passed or failed)."""

certificate_issued = Signal()
"""Sent by ``learners.certification`` when a certificate is issued, re-issued or renewed.
Keyword arguments: ``certificate`` (its ``learner``, ``language`` and ``serial`` set)."""

session_changed = Signal()
"""Sent by ``learners.cohorts`` when a saved session's time, duration, place or online
link changes. Keyword arguments: ``session`` and ``members`` — the people of its cohort."""

cohort_roles_changed = Signal()
"""Sent by ``learners.cohorts`` when the roles a person holds in a cohort change (a module
for a role becomes required of them, or optional). Keyword arguments: ``learner``,
``programme`` (the cohort's ``courses.ProgrammePage``) and ``roles`` (the roles they now
hold there)."""
