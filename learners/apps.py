from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cms import events
from courses.content import handlers


class LearnersConfig(AppConfig):
    name = "learners"
    verbose_name = _("Learners")

    def ready(self):
        # Each room listens to the events of the rooms and apps below it.
        from cms import documents
        from cms.security.backends import read_with_user

        from .certification import privacy as certification_privacy
        from .certification import receivers as certification
        from .cohorts import privacy as cohorts_privacy
        from .cohorts.models.supervision import supervising_anyone
        from .dashboard import privacy as dashboard_privacy
        from .hours import export as hours_export
        from .hours import privacy as hours_privacy
        from .hours.content import PracticeHandler
        from .journey import journal
        from .journey import privacy as journey_privacy
        from .journey import receivers as journey
        from .practicum import privacy as practicum_privacy
        from .teamwork import privacy as teamwork_privacy

        # Practice categories live in programme.md; the hours room loads and exports them.
        handlers.register(PracticeHandler())

        connect = [
            (events.attempt_graded, journey.exam_graded),
            (events.attendance_changed, journey.attendance_changed),
            (events.cohort_roles_changed, journey.cohort_roles_changed),
            (events.module_completed, certification.module_completed),
            (events.attempt_graded, certification.attempt_graded),
            (events.hours_approved, certification.hours_approved),
            (events.attestation_confirmed, certification.attestation_confirmed),
            (events.practicum_confirmed, certification.practicum_confirmed),
        ]
        for signal, receiver in connect:
            signal.connect(receiver, dispatch_uid=f"{receiver.__module__}.{receiver.__name__}")
        # The menu's sign-off link: read with the signed-in user (cms.security.backends).
        read_with_user("supervises_anyone", supervising_anyone)
        # PDFs too long to render in a request, made in the background (cms.documents).
        documents.register_renderer(hours_export.HOURS_PDF, hours_export.render_document)
        documents.register_renderer(journal.JOURNAL_PDF, journal.render_document)
        # What each room holds about a person: export and erasure (cms.privacy).
        for room in (
            journey_privacy, cohorts_privacy, hours_privacy, certification_privacy,
            dashboard_privacy, teamwork_privacy, practicum_privacy,
        ):  # fmt: skip
            room.register_handlers()
