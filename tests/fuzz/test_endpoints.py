"""Every form and input-taking endpoint, fed hostile values by Hypothesis: never a 500,
and when the answer says the input was refused (4xx), nothing in the database changed.

Each row of ENDPOINTS names who asks, the method, the address (built from the world in
``conftest.py``) and the fields posted or queried; Hypothesis fills every field (and
sometimes leaves it out) with text, numbers written every way, huge integers, NaN and
infinities, control characters, formulas, Markdown bombs and CSV files."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from assessments.routes import exam_url

SPECIAL = [
    "",
    " ",
    "0",
    "1",
    "-1",
    "00",
    "1.5",
    "2.25",
    "24",
    "24.25",
    "1e309",
    "-1e309",
    "1e-309",
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-inf",
    "9" * 30,
    str(2**63),
    str(2**63 - 1),
    str(2**64),
    "²",
    "١٢",
    "0x10",
    "1_000",
    "\x00",
    "a\x00b",
    "\r",
    "\r\n",
    "\u202e",
    "\u200b",
    "\ufeff",
    "=1+1",
    "a;=HYPERLINK()",
    "@SUM(A1)",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "../../etc/passwd",
    "%00",
    "%",
    "'; DROP TABLE x; --",
    "[" * 200,
    "> " * 100,
    "- " * 300,
    "*" * 3000,
    "present",
    "absent",
    "excused",
    "approve",
    "return",
    "csv",
    "xlsx",
    "pdf",
    "md",
    "name",
    "progress",
    "department",
    "completed",
    "not_started",
    "true",
    "false",
    "on",
    "ola(at)example.no",
    "010190/12345",
    "tlf. 912 34 567",
    "2026-01-01",
    "2999-12-31",
    "0000-00-00",
    "2026-02-30",
]
VALUES = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=40),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.text(alphabet="[]()<>*_`\\|#>-+=@;,\n\r\t\"' 0123456789aZ", max_size=400),
)
CSV_FILES = st.one_of(
    st.text(alphabet=',;"\r\n\t\x00abc@.émail', max_size=300).map(lambda t: "email\n" + t),
    st.lists(VALUES, max_size=6).map(lambda cells: "email,cohort\n" + ",".join(cells) + "\n"),
    st.sampled_from(["email\n" + "a" * 140_000, "email\rkari@x.no\r", "\ufeffusername\n\x00\n"]),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
)


@dataclass(frozen=True)
class Endpoint:
    role: str
    method: str
    url: Callable
    fields: tuple[str, ...]
    check_unchanged: bool = True
    files: tuple[str, ...] = ()


ENDPOINTS = {
    "search": Endpoint("anonymous", "get", lambda w: reverse("search"), ("q", "page")),
    "verify": Endpoint("anonymous", "path", lambda w: "/verify/{}/", ("code",)),
    "login": Endpoint(
        "anonymous",
        "post",
        lambda w: reverse("login"),
        ("username", "password", "next"),
        check_unchanged=False,  # failed sign-ins are counted (django-axes): that is the point
    ),  # fmt: skip
    "language": Endpoint(
        "anonymous", "post", lambda w: reverse("set_language"), ("language", "next")
    ),
    "hours add": Endpoint(
        "learner",
        "post",
        lambda w: reverse("learners:hours_add"),
        (
            "programme",
            "category",
            "date",
            "hours",
            "setting",
            "description",
            "supervision_type",
            "client_code",
        ),
    ),  # fmt: skip
    "hours edit": Endpoint(
        "learner",
        "post",
        lambda w: reverse("learners:hours_edit", args=[w.draft.pk]),
        ("category", "date", "hours", "setting", "description", "supervision_type", "client_code"),
    ),  # fmt: skip
    "hours submit": Endpoint(
        "learner", "post", lambda w: reverse("learners:hours_submit"), ("entries", "entries")
    ),
    "hours list": Endpoint(
        "learner", "get", lambda w: reverse("learners:hours"), ("page", "programme", "status")
    ),
    "hours export": Endpoint(
        "learner",
        "get",
        lambda w: reverse("learners:hours_export", args=[w.rusradgiver.pk, w.learner.pk, "csv"]),
        ("start", "end"),
    ),  # fmt: skip
    "sign-off": Endpoint(
        "supervisor",
        "post",
        lambda w: reverse("learners:signoff"),
        ("entries", "decision", "comment", "password", "next"),
    ),  # fmt: skip
    "journal save": Endpoint(
        "learner",
        "post",
        lambda w: reverse("learners:journal-save", args=[w.module.pk, w.prompt_id]),
        ("text", "seq", "cell:a|b"),
    ),  # fmt: skip
    "journal list": Endpoint(
        "learner", "get", lambda w: reverse("learners:journal"), ("q", "programme")
    ),
    "journal export": Endpoint(
        "learner", "get", lambda w: reverse("learners:journal-export"), ("format",)
    ),
    "journal share": Endpoint(
        "learner",
        "post",
        lambda w: reverse("learners:journal-share", args=[w.entry.pk]),
        ("shared",),
    ),  # fmt: skip
    "journal comment": Endpoint(
        "supervisor",
        "post",
        lambda w: reverse("learners:journal-comment", args=[w.entry.pk]),
        ("text",),
    ),  # fmt: skip
    "mark done": Endpoint(
        "learner",
        "post",
        lambda w: reverse("learners:mark-done", args=[w.module.pk]),
        ("done",),
        check_unchanged=False,  # any value but "0" means done: there is no invalid input
    ),  # fmt: skip
    "notifications": Endpoint(
        "learner", "post", lambda w: reverse("learners:notifications-read"), ("notification",)
    ),
    "exam answer": Endpoint(
        "learner",
        "post",
        lambda w: exam_url(w.exam, "answer", attempt_id=w.attempt.pk),
        ("question", "choice", "choice", "text", "position", "next"),
    ),  # fmt: skip
    "exam attempt": Endpoint(
        "learner", "get", lambda w: exam_url(w.exam, "attempt", attempt_id=w.attempt.pk), ("q",)
    ),
    "grade": Endpoint(
        "supervisor",
        "post",
        lambda w: exam_url(w.essay.attempt.exam, "grade", answer_id=w.essay.pk),
        ("points", "feedback"),
    ),  # fmt: skip
    "enrol person": Endpoint(
        "lead",
        "post",
        lambda w: reverse("learners:enrol-person", args=[w.avholdt.pk]),
        ("person-who",),
    ),  # fmt: skip
    "enrol cohort": Endpoint(
        "lead",
        "post",
        lambda w: reverse("learners:enrol-cohort", args=[w.avholdt.pk]),
        ("cohort-cohort",),
    ),  # fmt: skip
    "enrol csv": Endpoint(
        "lead",
        "post",
        lambda w: reverse("learners:enrol-csv", args=[w.avholdt.pk]),
        (),
        files=("csv-file",),
    ),  # fmt: skip
    "cohort report": Endpoint(
        "lead",
        "get",
        lambda w: reverse("learners:cohort-report", args=[w.cohort.pk]),
        ("department", "status", "sort"),
    ),  # fmt: skip
    "cohort export": Endpoint(
        "lead",
        "get",
        lambda w: reverse("learners:cohort-export", args=[w.cohort.pk]),
        ("format", "department", "status", "sort"),
    ),  # fmt: skip
    "register": Endpoint(
        "lead",
        "post",
        lambda w: reverse("learners:session-register", args=[w.session.pk]),
        ("learner", "status-{learner}"),
    ),  # fmt: skip
    "attestation": Endpoint(
        "administrator",
        "post",
        lambda w: reverse("learners:certificates-attest"),
        ("learner", "programme", "key", "note"),
        files=("evidence",),
    ),  # fmt: skip
    "certificate export": Endpoint(
        "administrator",
        "post",
        lambda w: reverse("learners:certificates-exports"),
        ("programme", "cohort"),
    ),  # fmt: skip
    "audit": Endpoint(
        "administrator",
        "get",
        lambda w: reverse("cms_audit:index"),
        ("person", "action", "created_at_after", "created_at_before", "page"),
    ),  # fmt: skip
}

WATCHED = [
    "learners.HoursEntry", "learners.JournalEntry", "learners.JournalComment",
    "learners.Attendance", "learners.Enrolment", "learners.Attestation",
    "learners.CertificateExport", "learners.ModuleProgress", "assessments.Attempt",
    "assessments.Answer", "cms.Notification", "cms.AuditEvent",
]  # fmt: skip


def fingerprint() -> list:
    """Everything the endpoints can change, row by row (the world is small)."""
    return [list(apps.get_model(label).objects.order_by("pk").values()) for label in WATCHED]


@st.composite
def request_data(draw, endpoint: Endpoint):
    data = {}
    for field in endpoint.fields:
        if draw(st.integers(0, 5)):  # sometimes the field is missing
            value = draw(VALUES)
            data.setdefault(field, []).append(value)
    files = {}
    for field in endpoint.files:
        content = draw(st.one_of(CSV_FILES.map(str.encode), st.binary(max_size=300)))
        name = draw(st.sampled_from(["people.csv", "e.pdf", "e.svg", "e.png", "x", "a.exe"]))
        files[field] = SimpleUploadedFile(name, content)
    return data, files


def send(world, endpoint: Endpoint, data, files):
    client = world.clients[endpoint.role]
    url = endpoint.url(world)
    if endpoint.method == "path":
        value = (data.get("code") or ["x"])[0]
        return client.get(url.format(quote(value, safe="")))
    data = {key.format(learner=world.learner.pk): value for key, value in data.items()}
    if endpoint.method == "get":
        return client.get(url, data)
    return client.post(url, {**data, **files})


@pytest.mark.parametrize("name", list(ENDPOINTS))
def test_hostile_input_never_gives_a_500_and_a_refusal_changes_nothing(world, name):
    endpoint = ENDPOINTS[name]

    @given(request_data(endpoint))
    def check(generated):
        data, files = generated
        before = fingerprint() if endpoint.check_unchanged else None
        response = send(world, endpoint, data, files)
        assert response.status_code < 500, (name, data, response.status_code)
        if endpoint.check_unchanged and 400 <= response.status_code < 500:
            assert fingerprint() == before, (name, data, response.status_code)

    check()
