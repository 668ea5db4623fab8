from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cms.roles import ADMINISTRATORS, LEARNERS, PROGRAMME_LEADS, SUPERVISORS, ensure_roles
from cms.security.demo import DEMO_TOTP_SECRET, ensure_demo_authenticators
from courses.models import ModuleRole, ProgrammeIndexPage, ProgrammeLead, ProgrammePage
from learners.certification.demo import (
    load_demo_certificates,
    load_demo_certification,
    load_demo_signatory,
)
from learners.cohorts.access import load_demo_cohort
from learners.cohorts.models import Cohort, Organisation, Supervision
from learners.cohorts.roles import set_roles
from learners.hours.demo import load_demo_hours
from learners.journey.progress import enrol_cohort
from learners.journey.signoff_decisions import load_demo_signoff
from learners.practicum.demo import load_demo_practicum

DEMO_PASSWORD = "praksis-demo"  # noqa: S105 - published in the README on purpose
DEMO_USERS = [
    # username, first name, last name, group, is_superuser
    ("admin", "Astrid", "Admin", ADMINISTRATORS, True),
    ("lead", "Lars", "Leder", PROGRAMME_LEADS, False),
    ("supervisor", "Siri", "Veileder", SUPERVISORS, False),
    ("learner", "Lene", "Lærer", LEARNERS, False),
    ("learner2", "Jonas", "Berg", LEARNERS, False),
    ("learner3", "Mette", "Holm", LEARNERS, False),
    # A volunteer SMART facilitator who mentors Lene: mentors hold no role of their own.
    ("mentor", "Maja", "Mentor", LEARNERS, False),
    # A member of the AvHoldt cohort who holds the leader role there (the ward's leader).
    ("leader", "Ola", "Avdelingsleder", LEARNERS, False),
]


class Command(BaseCommand):
    help = "Create the demo organisation, cohort and users (only with DEBUG on, or --force)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="load even though DEBUG is off")

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not (settings.DEBUG or force):
            raise CommandError(
                "Refusing to create demo users with known passwords while DEBUG is off. "
                "Use --force if you really mean it."
            )
        groups = ensure_roles(ProgrammeIndexPage.objects.first())
        User = get_user_model()
        users = {}
        for username, first, last, group, is_superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@praksis.example",
                    "is_staff": is_superuser,
                    "is_superuser": is_superuser,
                },
            )
            if created:
                # Only a new user gets the demo password: a password someone changed stays.
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            user.groups.add(groups[group])
            users[username] = user

        organisation, _ = Organisation.objects.get_or_create(
            slug="loland", defaults={"name": "Rusklinikken Loland"}
        )
        programme = ProgrammePage.objects.filter(content_key="avholdt").first()
        if programme is None:
            raise CommandError("Load the programmes first: python manage.py load_content")
        ProgrammeLead.objects.get_or_create(
            user=users["lead"], programme=programme, defaults={"granted_by": users["admin"]}
        )
        cohort, _ = Cohort.objects.get_or_create(
            organisation=organisation,
            name="AvHoldt 2026",
            defaults={"programme": programme, "lead": users["lead"]},
        )
        cohort.members.add(users["learner"], users["learner2"], users["learner3"], users["leader"])
        cohort.supervisors.add(users["supervisor"])
        enrol_cohort(cohort=cohort, actor=users["lead"])
        for member in cohort.members.all():
            Supervision.objects.get_or_create(
                learner=member,
                supervisor=users["supervisor"],
                programme=programme,
                defaults={"assigned_by": users["admin"]},
            )
        load_demo_cohort(cohort=cohort, facilitator=users["lead"])
        set_roles(
            cohort=cohort, person=users["leader"], roles={ModuleRole.LEADER}, actor=users["lead"]
        )
        # A protocol team at the same clinic: Lene finished the implementation module,
        # which waits in the queue of Ola, the team's leader.
        protocol = ProgrammePage.objects.filter(content_key="rusmiddelprotokol").first()
        if protocol is not None:
            team, _ = Cohort.objects.get_or_create(
                organisation=organisation,
                name="Rusmiddelprotokol – Bostøtten",
                defaults={"programme": protocol, "lead": users["lead"]},
            )
            team.members.add(users["learner"], users["leader"])
            enrol_cohort(cohort=team, actor=users["lead"])
            set_roles(
                cohort=team, person=users["leader"], roles={ModuleRole.LEADER}, actor=users["lead"]
            )
            load_demo_signoff(learner=users["learner"], programme=protocol)
        load_demo_hours(
            supervisor=users["supervisor"],
            learners=[users["learner"], users["learner2"]],
            assigned_by=users["admin"],
        )
        load_demo_signatory()
        load_demo_certificates(
            reissued=users["learner2"], revoked=users["learner3"], administrator=users["admin"]
        )

        load_demo_certification(
            short=users["learner"], eligible=users["learner2"], certified=users["learner3"],
            supervisor=users["supervisor"], administrator=users["admin"],
        )  # fmt: skip

        load_demo_practicum(
            mentor=users["mentor"], learner=users["learner"], assigned_by=users["admin"]
        )

        with_demo_app = ensure_demo_authenticators(users.values())

        self.stdout.write(self.style.SUCCESS("Demo data is in place. Log in with:"))
        for username, _first, _last, group, _su in DEMO_USERS:
            self.stdout.write(f"  {username:<11} {DEMO_PASSWORD}   ({group})")
        if with_demo_app:
            names = ", ".join(user.username for user in with_demo_app)
            self.stdout.write(
                f"Then {names} enter a code from an authenticator app set up with the demo "
                f"secret {DEMO_TOTP_SECRET}, or from: python manage.py demo_code"
            )
