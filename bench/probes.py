"""What `make bench` requests, as whom: the pages of issue 17's table and the write paths."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from assessments.models import Attempt, ExamPage
from assessments.routes import exam_url
from assessments.services.attempts import start_attempt
from courses.models import ModulePage, ProgrammeIndexPage, ProgrammePage
from learners.certification import pdf as certificate_pdf
from learners.certification.models import Certificate
from learners.cohorts.models import Cohort
from learners.hours import export as hours_export
from learners.hours.models import HoursEntry
from learners.journey import journal, progress

from . import dataset
from .measure import Probe
from .models import FloorPage

HTMX = {"HX-Request": "true"}


def floor() -> Probe:
    return Probe("floor", None, FloorPage.objects.get().url)


def pages() -> list[Probe]:
    User = get_user_model()
    learner = User.objects.get(username=dataset.LEARNER)
    counsellor = ProgrammePage.objects.get(content_key="rusradgiver")
    # The longest module the learner may open (one behind a prerequisite she has not
    # completed would measure the page that says so instead).
    module = max(
        (
            m
            for m in ModulePage.objects.live().descendant_of(counsellor)
            if not progress.missing_prerequisites(learner=learner, module=m)
        ),
        key=lambda m: len(m.body.raw_data),
    )
    exam = ExamPage.objects.live().descendant_of(counsellor).first()
    big = Cohort.objects.get(name="Bench 1000")
    certificate = Certificate.objects.order_by("pk").first()
    reflection = next(
        (
            block.id
            for page in ModulePage.objects.live().descendant_of(counsellor)
            for block in page.body
            if block.block_type == "reflection"
        ),
        None,
    )
    reflective = next(
        page
        for page in ModulePage.objects.live().descendant_of(counsellor)
        if any(block.id == reflection for block in page.body)
    )
    attempt = _open_attempt(exam)
    first_answer = attempt.answers.order_by("position").first()
    waiting = list(
        HoursEntry.objects.filter(
            status=HoursEntry.Status.SUBMITTED,
            learner__supervisions__supervisor__username=dataset.SUPERVISOR,
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:50]
    )
    approve = {"decision": "approve", "password": dataset.PASSWORD}
    return [
        # Past the content note, once acknowledged (on the first, warming request).
        Probe("module page", learner.username, module.url + "?continue=1"),
        Probe("programme page", learner.username, counsellor.url),
        Probe("catalogue", learner.username, ProgrammeIndexPage.objects.live().first().url),
        Probe("dashboard", learner.username, reverse("learners:dashboard")),
        Probe("hours page", learner.username, reverse("learners:hours")),
        Probe("journal list", learner.username, reverse("learners:journal")),
        Probe("certificates", learner.username, reverse("learners:certificates")),
        Probe("verify", None, reverse("verify", args=[certificate.verification_id])),
        Probe(
            "exam attempt",
            attempt.learner.username,
            exam_url(exam, "attempt", attempt_id=attempt.pk),
        ),
        Probe("sign-off queue", dataset.SUPERVISOR, reverse("learners:signoff")),
        Probe("cohort report", dataset.LEAD, reverse("learners:cohort-report", args=[big.pk])),
        Probe(
            "cohort export xlsx",
            dataset.LEAD,
            reverse("learners:cohort-export", args=[big.pk]),
            data={"format": "xlsx"},
        ),
        Probe("exam report", dataset.ADMIN, exam_url(exam, "report")),
        Probe(
            "mark done",
            learner.username,
            reverse("learners:mark-done", args=[module.pk]),
            "post",
            headers=HTMX,
            write=True,
        ),
        Probe(
            "autosave",
            learner.username,
            reverse("learners:journal-save", args=[reflective.pk, reflection]),
            "post",
            {"text": "What I noticed today.", "seq": "1"},
            HTMX,
            write=True,
        ),
        Probe(
            "answer save",
            attempt.learner.username,
            exam_url(exam, "answer", attempt_id=attempt.pk),
            "post",
            {"question": first_answer.question_id, "choice": "0"},
            HTMX,
            write=True,
        ),
        Probe(
            "submit",
            attempt.learner.username,
            exam_url(exam, "submit", attempt_id=attempt.pk),
            "post",
            {"confirm": "1"},
            write=True,
        ),
        Probe(
            "approve 1",
            dataset.SUPERVISOR,
            reverse("learners:signoff"),
            "post",
            {**approve, "entries": waiting[:1]},
            write=True,
        ),
        Probe(
            "approve 50",
            dataset.SUPERVISOR,
            reverse("learners:signoff"),
            "post",
            {**approve, "entries": waiting},
            write=True,
        ),
    ]


def pdfs() -> list[Probe]:
    """PDFs served inside a request: none any more (the hours log and the journal are
    rendered in the background, see ``renders``)."""
    return []


def renders() -> dict:
    """PDFs made outside a request, timed as their renderer runs: the hours log and the
    journal (background tasks, ``cms.documents``) and the certificate, as at issue."""
    User = get_user_model()
    learner = User.objects.get(username=dataset.LEARNER)
    counsellor = ProgrammePage.objects.get(content_key="rusradgiver")
    certificate = Certificate.objects.order_by("pk").first()
    return {
        "hours PDF": lambda: hours_export.render_pdf(hours_export.export_data(learner, counsellor)),
        "journal PDF": lambda: journal.export_pdf(learner=learner),
        "certificate PDF": lambda: certificate_pdf.render_pdf(certificate),
    }


def _open_attempt(exam: ExamPage) -> Attempt:
    """An open attempt of a learner with no other attempt at the exam (resumed on reruns)."""
    learner = (
        get_user_model()
        .objects.filter(username__startswith="bench-learner-")
        .order_by("-pk")
        .first()
    )
    return start_attempt(exam=exam, learner=learner)
