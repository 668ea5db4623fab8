"""The benchmark's dataset: the shipped programmes and demo people, then ten thousand
generated learners with a realistic history, written with bulk inserts.

At scale 1: 10,000 learners enrolled in every programme (50,000 enrolments), progress on
most modules (~290,000 rows), five journal entries each plus one learner with 1,000,
twenty hours entries each in the counsellor programme (~200,000) plus one learner with
200, a supervisor with 50 supervisees and 500 entries waiting, 20,500 graded attempts at
the counsellor exam with 12 answers each, cohorts of 1,000 and 200, and 1,009
certificates. Rows the pages read are made like the application makes them (a real
attempt's question snapshots, the hours entries' own content hash); the rest is cloned.
"""

import datetime
import hashlib
import io
import random
import time
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from wagtail.models import Site

from assessments.models import Answer, Attempt, ExamPage
from assessments.services.attempts import start_attempt
from courses.models import ModulePage, ProgrammeLead, ProgrammePage
from learners.certification.models import Certificate
from learners.cohorts.models import Cohort, Organisation, Supervision
from learners.hours.models import HoursEntry, PracticeCategory
from learners.journey.models import Enrolment, JournalEntry, ModuleProgress

from .models import Dataset, FloorPage

BATCH = 5000
LEARNERS = 10_000
PASSWORD = "bench-password"  # noqa: S105 - a local benchmark database only

# Who the pages are measured as.
LEARNER = "bench-learner-00001"  # 200 hours entries, 1,000 journal entries, enrolled everywhere
SUPERVISOR = "bench-supervisor"  # 50 supervisees, 500 entries waiting for sign-off
LEAD = "bench-lead"  # leads the cohort of 1,000
ADMIN = "bench-admin"


def schema_fingerprint() -> str:
    """Changes whenever a migration is added or this generator changes, so an old
    dataset is never measured."""
    applied = sorted(MigrationRecorder.Migration.objects.values_list("app", "name"))
    source = Path(__file__).read_bytes()
    return hashlib.sha256(repr(applied).encode() + source).hexdigest()[:16]


def current(scale: float) -> Dataset | None:
    """The dataset already in this database for this scale and schema, if any."""
    if "bench_dataset" not in connection.introspection.table_names():
        return None
    return Dataset.objects.filter(scale=scale, schema=schema_fingerprint()).first()


def reset_database() -> None:
    """Empty the benchmark database: every table dropped, so migrate starts afresh."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
            return
        cursor.execute("PRAGMA foreign_keys = OFF")
        for table in connection.introspection.table_names():
            cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
        cursor.execute("PRAGMA foreign_keys = ON")


def build(scale: float, log=print) -> Dataset:
    """Generate the dataset for ``scale`` (1.0 = 10,000 learners) into the database."""
    started = time.monotonic()
    reset_database()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_content", verbosity=0, stdout=io.StringIO())
    call_command("load_demo", force=True, verbosity=0, stdout=io.StringIO())
    log(f"  migrated and loaded the programmes in {time.monotonic() - started:.0f} s")
    rng = random.Random(20261130)  # noqa: S311 - reproducible data, not secrets
    with transaction.atomic():
        people = _people(max(60, round(LEARNERS * scale)), log)
        _floor_page()
        counts = _history(people, scale, rng, log)
    seconds = time.monotonic() - started
    return Dataset.objects.create(
        scale=scale, schema=schema_fingerprint(), counts=counts, seconds=round(seconds, 1)
    )


def _people(n: int, log) -> dict:
    User = get_user_model()
    password = make_password(PASSWORD)
    users = [
        User(
            username=f"bench-learner-{i:05d}",
            first_name=f"Learner{i}",
            last_name="Bench",
            email=f"learner{i}@bench.example",
            password=password,
        )
        for i in range(1, n + 1)
    ]
    staff = [
        User(username=SUPERVISOR, first_name="Sara", last_name="Supervisor", password=password),
        User(username=LEAD, first_name="Leo", last_name="Lead", password=password),
        User(
            username=ADMIN,
            first_name="Ada",
            last_name="Admin",
            password=password,
            is_staff=True,
            is_superuser=True,
        ),
    ]
    User.objects.bulk_create(users + staff, batch_size=BATCH)
    learners = list(User.objects.filter(username__startswith="bench-learner-").order_by("pk"))
    demo = {
        user.username: user for user in User.objects.filter(username__in=["supervisor", "lead"])
    }
    supervisor = User.objects.get(username=SUPERVISOR)
    lead = User.objects.get(username=LEAD)
    supervisor.groups.set(demo["supervisor"].groups.all())
    lead.groups.set(demo["lead"].groups.all())
    profile = demo["supervisor"].supervisor_profile
    profile.pk = None
    profile.user = supervisor
    profile.save()
    log(f"  {len(learners)} learners")
    return {
        "learners": learners,
        "supervisor": supervisor,
        "lead": lead,
        "admin": User.objects.get(username=ADMIN),
    }


def _floor_page() -> None:
    """The floor: the longest module's body on a bare page beside it."""
    module = max(ModulePage.objects.live(), key=lambda page: len(page.body.raw_data))
    root = Site.objects.get(is_default_site=True).root_page
    root.add_child(
        instance=FloorPage(title=module.title, slug="bench-floor", body=module.body.raw_data)
    )


def _history(people: dict, scale: float, rng: random.Random, log) -> dict:
    learners = people["learners"]
    programmes = list(ProgrammePage.objects.live().order_by("path"))
    counsellor = next(p for p in programmes if p.content_key == "rusradgiver")
    modules = {
        p.pk: list(ModulePage.objects.live().descendant_of(p).order_by("path")) for p in programmes
    }
    now = timezone.now()

    # Cohorts: one of 1,000 in the counsellor programme (led by the bench lead), the rest of 200.
    organisation, _ = Organisation.objects.get_or_create(name="Bench Health Trust", slug="bench")
    ProgrammeLead.objects.create(
        user=people["lead"], programme=counsellor, granted_by=people["admin"]
    )
    big = Cohort.objects.create(
        organisation=organisation, programme=counsellor, name="Bench 1000", lead=people["lead"]
    )
    cohort_of = {}
    for learner in learners[: round(1000 * scale) or 1]:
        cohort_of[(learner.pk, counsellor.pk)] = big
    rest = learners[len(cohort_of) :]
    for number, start in enumerate(range(0, len(rest), 200)):
        programme = programmes[number % len(programmes)]
        cohort = Cohort.objects.create(
            organisation=organisation, programme=programme, name=f"Bench {number + 1:03d}"
        )
        for learner in rest[start : start + 200]:
            cohort_of[(learner.pk, programme.pk)] = cohort

    Enrolment.objects.bulk_create(
        (
            Enrolment(
                learner=learner,
                programme=programme,
                cohort=cohort_of.get((learner.pk, programme.pk)),
                enrolled_at=now - datetime.timedelta(days=rng.randint(30, 400)),
            )
            for learner in learners
            for programme in programmes
        ),
        batch_size=BATCH,
    )
    log("  enrolments")

    def progress_rows():
        for learner in learners:
            for programme in programmes:
                for module in modules[programme.pk]:
                    if rng.random() < 0.88:
                        done = rng.random() < 0.7
                        seen = now - datetime.timedelta(days=rng.randint(1, 300))
                        yield ModuleProgress(
                            learner=learner,
                            module=module,
                            started_at=seen,
                            last_viewed_at=seen,
                            marked_done_at=seen if done else None,
                            completed_at=seen if done else None,
                        )

    ModuleProgress.objects.bulk_create(progress_rows(), batch_size=BATCH)
    log("  module progress")

    all_modules = [module for programme in programmes for module in modules[programme.pk]]

    def journal_rows():
        for index, learner in enumerate(learners):
            count = 1000 if index == 0 else 5
            for n in range(count):
                module = all_modules[n % len(all_modules)]
                yield JournalEntry(
                    learner=learner,
                    module=module,
                    block_id=f"bench-{n:04d}",
                    prompt_title=f"Reflection {n + 1}",
                    kind=JournalEntry.Kind.REFLECTION,
                    text="I noticed how the conversation changed when I asked about **safety**. "
                    * 3,
                    shared_at=now if n % 4 == 0 else None,
                )

    JournalEntry.objects.bulk_create(journal_rows(), batch_size=BATCH)
    log("  journal entries")

    _hours(people, counsellor, rng, now, log)
    _attempts(learners, counsellor, rng, now, scale, log)
    _certificates(learners, programmes, rng, now, scale, log)

    return {
        "learners": len(learners),
        "enrolments": Enrolment.objects.count(),
        "module_progress": ModuleProgress.objects.count(),
        "journal_entries": JournalEntry.objects.count(),
        "hours_entries": HoursEntry.objects.count(),
        "attempts": Attempt.objects.count(),
        "answers": Answer.objects.count(),
        "cohorts": Cohort.objects.count(),
        "certificates": Certificate.objects.count(),
    }


def _hours(people, counsellor, rng, now, log) -> None:
    """Twenty entries per learner in the counsellor programme (two drafts, the rest
    approved and signed), 200 for the measured learner, and 50 supervisees of the bench
    supervisor with ten entries each waiting for sign-off."""
    learners = people["learners"]
    supervisor = people["supervisor"]
    profile = supervisor.supervisor_profile
    categories = list(PracticeCategory.objects.filter(programme=counsellor))
    supervisees = learners[:50]
    Supervision.objects.bulk_create(
        Supervision(
            learner=learner,
            supervisor=supervisor,
            programme=counsellor,
            starts_on=(now - datetime.timedelta(days=800)).date(),
        )
        for learner in supervisees
    )
    waiting = {learner.pk for learner in supervisees}

    def rows():
        for index, learner in enumerate(learners):
            count = 200 if index == 0 else 20
            for n in range(count):
                category = categories[n % len(categories)]
                entry = HoursEntry(
                    learner=learner,
                    programme=counsellor,
                    category=category,
                    date=(now - datetime.timedelta(days=n + 1)).date(),
                    hours=Decimal(rng.choice(["0.75", "1.00", "1.50", "2.00", "3.25"])),
                    setting="Poliklinikk for rus og psykisk helse",
                    description="Samtale med fokus på mestring og tilbakefallsforebygging.",
                    supervision_type="individual" if category.is_supervision else "",
                    client_code=f"K{n:03d}" if not category.is_supervision else "",
                )
                if learner.pk in waiting and n < 10:
                    entry.status = HoursEntry.Status.SUBMITTED
                    entry.submitted_at = now
                elif n % 10 == 9:
                    entry.status = HoursEntry.Status.DRAFT
                else:
                    entry.status = HoursEntry.Status.APPROVED
                    entry.submitted_at = entry.decided_at = entry.signed_at = now
                    entry.signed_by = supervisor
                    entry.signer_name = supervisor.get_full_name()
                    entry.signer_credential = profile.credential
                    entry.signer_licence_number = profile.licence_number
                    entry.content_sha256 = entry.content_hash()
                yield entry

    HoursEntry.objects.bulk_create(rows(), batch_size=BATCH)
    log("  hours entries")


def _attempts(learners, counsellor, rng, now, scale, log) -> None:
    """20,500 graded attempts at the counsellor exam, cloned from one real attempt's
    question snapshots, with answers and scores that vary."""
    exam = ExamPage.objects.live().descendant_of(counsellor).first()
    template = start_attempt(exam=exam, learner=learners[-1])
    answers = list(template.answers.order_by("position"))
    template.delete()
    total = round(20_500 * scale) or 1
    takers = learners[: max(1, len(learners) - 1)]  # the last one starts the measured attempt
    attempts = []
    for n in range(total):
        score = Decimal(sum(rng.random() < 0.75 for _ in answers))
        max_score = Decimal(len(answers))
        percent = (score / max_score * 100).quantize(Decimal("0.01"))
        attempts.append(
            Attempt(
                exam=exam,
                programme=counsellor,
                learner=takers[n % len(takers)],
                number=n // len(takers) + 1,
                status=Attempt.Status.PASSED
                if percent >= exam.pass_mark
                else Attempt.Status.FAILED,
                started_at=now - datetime.timedelta(hours=n % 5000),
                submitted_at=now,
                graded_at=now,
                score=score,
                max_score=max_score,
                percent=percent,
                pass_mark=exam.pass_mark,
            )
        )
    Attempt.objects.bulk_create(attempts, batch_size=BATCH)
    ids = list(Attempt.objects.filter(exam=exam).values_list("pk", flat=True))

    def rows():
        for attempt_id in ids:
            for answer in answers:
                choices = [choice["id"] for choice in answer.snapshot.get("choices", [])]
                yield Answer(
                    attempt_id=attempt_id,
                    question_id=answer.question_id,
                    position=answer.position,
                    snapshot=answer.snapshot,
                    response={"choices": [rng.choice(choices)]} if choices else {"text": "Svar."},
                    answered_at=now,
                    score=Decimal(rng.random() < 0.75),
                    graded_at=now,
                )

    Answer.objects.bulk_create(rows(), batch_size=BATCH)
    log("  attempts and answers")


def _certificates(learners, programmes, rng, now, scale, log) -> None:
    total = round(1009 * scale) or 1
    today = now.date()
    Certificate.objects.bulk_create(
        (
            Certificate(
                serial=f"BENCH-{n:06d}",
                learner=learners[n % len(learners)],
                learner_name=learners[n % len(learners)].get_full_name(),
                programme=programmes[n % len(programmes)],
                programme_title=programmes[n % len(programmes)].title,
                language=programmes[n % len(programmes)].language,
                issued_on=today - datetime.timedelta(days=rng.randint(0, 700)),
                organisation_name="Bench Health Trust",
            )
            for n in range(total)
        ),
        batch_size=BATCH,
    )
    log("  certificates")
