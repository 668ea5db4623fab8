"""The access matrix: every URL pattern of the project (from the resolver) and every
Wagtail admin URL of the project's models, requested as eleven roles with objects that
belong to someone else (learner A's records in rusrådgiver, A's cohort, a session of it,
the programme's categories, requirement, supervision, question and extra time).

Each pattern has a row in ``SITE`` or is an admin URL classified by ``ADMIN_VIEWS``; a
pattern without one fails the test, so every new view must be classified. A row names
the roles that get the page (``OK``: a 2xx, or a redirect that is not to a sign-in);
every other role must be refused (403, 404, or sent to sign in). Every pattern is also
POSTed (empty) as every refused role, which must be refused too, and never 5xx.

Run with ``ACCESS_MATRIX_PRINT=1`` to print what each role got."""

import datetime
import os
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from assessments.models import ExtraTime, Question
from cms.access import ORGANISATION_LEADERS, PROGRAMME_LEADS, SUPERVISORS
from cms.models import AuditEvent, PersonalExport, PreparedDocument
from courses.models import ProgrammeLead, ProgrammePage
from courses.tracks import TrackRequirement
from learners.certification import keys
from learners.certification.models import (
    Attestation,
    Certificate,
    Declaration,
    ExternalEducation,
)
from learners.hours import rules as hours
from learners.journey import progress
from learners.models import (
    Cohort,
    HoursRequirement,
    JournalEntry,
    Mentorship,
    ModuleSignoff,
    Organisation,
    PracticeCategory,
    Session,
    Supervision,
    SupervisorProfile,
)
from learners.practicum import rules as practicum
from learners.practicum.models import PracticumEntry
from learners.teamwork import rules as teamwork
from tests.factories import UserFactory, make_lead

PROJECT_APPS = ("cms", "courses", "assessments", "learners")
ROLES = (
    "anonymous",
    "learner_a",
    "learner_b",
    "supervisor_a",
    "supervisor_others",
    "supervisor_a_elsewhere",
    "lead_a",
    "lead_other",
    "lead_nothing",
    "org_leader_other",
    "admin",
)
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
STAFF_ADMIN = frozenset({"lead_a", "lead_other", "lead_nothing", "admin"})
LEAD_A = frozenset({"lead_a", "admin"})
# A's cohort's members, the lead of its programme and administrators: its team documents.
TEAM = frozenset({"learner_a", "learner_b", "lead_a", "admin"})
PROTOCOL = "workplace-protocol"
ADMIN = frozenset({"admin"})
NOBODY = frozenset()
# Everyone who supervises someone (in any programme).
SUPERVISES = frozenset({"supervisor_a", "supervisor_others", "supervisor_a_elsewhere"})
STAFF = STAFF_ADMIN | {"supervisor_a", "supervisor_others", "supervisor_a_elsewhere"}

# name -> (URL arguments from the world, roles that GET it[, roles whose POST is not
# refused; the GET roles if left out]). Objects are A's or P's.
SITE = {
    "healthz": (lambda w: [], EVERYONE),
    "search": (lambda w: [], EVERYONE),
    "brand-css": (lambda w: [], EVERYONE),
    "verify": (lambda w: ["NO-SUCH-ID"], NOBODY),
    "credential-issuer": (lambda w: [], EVERYONE),
    "credential-jwks": (lambda w: [], EVERYONE),
    # No certificate is on list 999: an unknown list is a 404, never an empty signed list.
    "credential-status-list": (lambda w: [999], NOBODY),
    "login": (lambda w: [], EVERYONE),
    # The language form: a POST only, open to everyone (it stores a language).
    "set_language": (lambda w: [], NOBODY, EVERYONE),
    "two_factor": (lambda w: [], STAFF),
    "two_factor_verify": (lambda w: [], STAFF),
    "two_factor_setup": (lambda w: [], STAFF),
    "cms_audit:index": (lambda w: [], ADMIN),
    # Out-of-date translations: every lead (her own programmes' pages) and administrators;
    # P has no translation, so nobody marks it up to date.
    "courses_translations:stale": (lambda w: [], STAFF_ADMIN),
    "courses_translations:synced": (lambda w: [w["P"].pk], NOBODY, NOBODY),
    "cms_audit:index_results": (lambda w: [], ADMIN),
    "cms_audit:detail": (lambda w: [w["event"]], ADMIN),
    "cms_audit:verify": (lambda w: [], NOBODY, ADMIN),
    "learners:dashboard": (lambda w: [], SIGNED_IN),
    # Acting on one's own record: every signed-in person gets an answer (a message).
    "learners:enrol": (lambda w: [w["P"].pk], NOBODY, SIGNED_IN),
    "learners:enrolments": (lambda w: [w["P"].pk], LEAD_A),
    "learners:enrol-person": (lambda w: [w["P"].pk], NOBODY, LEAD_A),
    "learners:enrol-cohort": (lambda w: [w["P"].pk], NOBODY, LEAD_A),
    "learners:enrol-csv": (lambda w: [w["P"].pk], NOBODY, LEAD_A),
    "learners:withdraw": (lambda w: [w["enrolment"].pk], NOBODY, LEAD_A | {"learner_a"}),
    "learners:mark-done": (lambda w: [w["module"].pk], NOBODY, SIGNED_IN),
    "learners:not-now": (lambda w: [w["module"].pk], NOBODY, SIGNED_IN),
    "learners:journal-save": (lambda w: [w["module"].pk, "no-such-block"], NOBODY, SIGNED_IN),
    "learners:journal": (lambda w: [], SIGNED_IN),
    "learners:journal-shared": (lambda w: [], SIGNED_IN),
    "learners:journal-export": (lambda w: [], SIGNED_IN),
    "learners:journal-entry": (lambda w: [w["journal"].pk], {"learner_a", "supervisor_a"}),
    "learners:journal-share": (lambda w: [w["journal"].pk], NOBODY, {"learner_a"}),
    "learners:journal-comment": (
        lambda w: [w["journal"].pk],
        NOBODY,
        {"learner_a", "supervisor_a"},
    ),
    "learners:hours": (lambda w: [], SIGNED_IN),
    "learners:hours_add": (lambda w: [], SIGNED_IN),
    "learners:hours_submit": (lambda w: [], NOBODY, SIGNED_IN),
    "learners:signoff": (lambda w: [], SIGNED_IN),
    "learners:hours_entry": (
        lambda w: [w["entry"].pk],
        {"learner_a", "supervisor_a", "lead_a", "admin"},
    ),
    "learners:hours_edit": (lambda w: [w["entry"].pk], {"learner_a"}),
    "learners:hours_delete": (lambda w: [w["entry"].pk], NOBODY, {"learner_a"}),
    "learners:hours_correct": (lambda w: [w["entry"].pk], {"learner_a"}),
    "learners:hours_overview": (
        lambda w: [w["P"].pk],
        LEAD_A | {"supervisor_a", "supervisor_others"},
    ),
    "learners:hours_progress": (
        lambda w: [w["P"].pk, w["A"].pk],
        {"learner_a", "supervisor_a", "lead_a", "admin"},
    ),
    "learners:hours_export": (
        lambda w: [w["P"].pk, w["A"].pk, "csv"],
        {"learner_a", "lead_a", "admin"},
    ),
    "learners:cohorts": (lambda w: [], SIGNED_IN),
    "learners:cohort-report": (lambda w: [w["cohort"].pk], LEAD_A),
    "learners:cohort-export": (lambda w: [w["cohort"].pk], LEAD_A),
    "learners:organisation": (lambda w: [w["clinic"].pk], ADMIN),
    "learners:notifications": (lambda w: [], SIGNED_IN),
    "learners:notifications-read": (lambda w: [], NOBODY, SIGNED_IN),
    "learners:sessions-ics": (lambda w: [], SIGNED_IN),
    "learners:session-register": (lambda w: [w["session"].pk], LEAD_A),
    "learners:team": (lambda w: [w["cohort"].pk], TEAM),
    "learners:team-roles": (lambda w: [w["cohort"].pk], LEAD_A),
    "learners:team-document": (lambda w: [w["cohort"].pk, PROTOCOL], TEAM),
    "learners:team-document-edit": (lambda w: [w["cohort"].pk, PROTOCOL], TEAM),
    "learners:team-document-history": (lambda w: [w["cohort"].pk, PROTOCOL], TEAM),
    "learners:team-document-revision": (lambda w: [w["cohort"].pk, PROTOCOL, 1], TEAM),
    # POST only: the cohort's leaders (here the programme's lead and administrators).
    "learners:team-document-approve": (lambda w: [w["cohort"].pk, PROTOCOL], NOBODY, LEAD_A),
    "learners:team-consultations": (lambda w: [w["cohort"].pk], TEAM),
    "learners:team-consultation-add": (lambda w: [w["cohort"].pk], TEAM),
    # Leaders' sign-off of modules: the queue is everyone's own (scoped); A's request in
    # P's cohort is decided by its leaders (here P's lead and administrators). The world's
    # module asks no sign-off, so asking again is a 404 for everyone (the asking itself:
    # tests/learners/journey/test_leader_signoff.py).
    "learners:module-signoffs": (lambda w: [], SIGNED_IN),
    "learners:module-signoff": (lambda w: [w["signoff"].pk], LEAD_A),
    "learners:module-signoff-ask": (lambda w: [w["module"].pk], NOBODY),
    "learners:session-ics": (
        lambda w: [w["session"].pk],
        {"learner_a", "learner_b", "lead_a", "admin"},
    ),
    "learners:certificates": (lambda w: [], SIGNED_IN),
    "learners:certificate-pdf": (lambda w: [999999], NOBODY),
    "learners:certificate-credential": (lambda w: [999999], NOBODY),
    "learners:certificates-manage": (lambda w: [], ADMIN),
    "learners:certificates-issue": (lambda w: [w["P"].pk, w["A"].pk], NOBODY, ADMIN),
    "learners:certificates-revoke": (lambda w: [999999], NOBODY),
    "learners:certificates-renew": (lambda w: [999999], NOBODY),
    "learners:certificates-attest": (lambda w: [], ADMIN),
    "learners:certificates-exports": (lambda w: [], ADMIN),
    "learners:certificates-export": (lambda w: [999999], NOBODY),
    "learners:certificates-export-download": (lambda w: [999999], NOBODY),
    # A's certificate (on status list 1): the holder and administrators download it.
    "learners:certificate-credential-ld": (lambda w: [w["certificate"].pk], {"learner_a", "admin"}),
    "learners:certificates-attestation-evidence": (lambda w: [w["attestation"].pk], ADMIN),
    # Worksheets: the module's learners and its editors print the blank (a lead edits only
    # the programmes they lead, cms.page_permissions); a learner of the module skips an
    # optional reflection (everyone else: 404).
    "learners:worksheet-blank": (
        lambda w: [w["module"].pk, w["worksheet"]],
        {"learner_a", "learner_b", "lead_a", "admin"},
    ),
    "learners:journal-skip": (
        lambda w: [w["module"].pk, w["optional_reflection"]],
        NOBODY,
        {"learner_a", "learner_b"},
    ),
    # Declarations: one signs one's own; A's is seen by A, administrators and the
    # supervisor who confirms it (A's supervisor in P), confirmed by the latter two.
    "learners:declaration-sign": (lambda w: [w["P"].pk, "utdanning"], SIGNED_IN),
    "learners:declarations": (lambda w: [], SUPERVISES | ADMIN),
    "learners:declaration": (
        lambda w: [w["declaration"].pk],
        {"learner_a", "supervisor_a", "admin"},
    ),
    "learners:declaration-evidence": (
        lambda w: [w["declaration"].pk],
        {"learner_a", "supervisor_a", "admin"},
    ),
    "learners:declaration-confirm": (
        lambda w: [w["declaration"].pk],
        NOBODY,
        {"supervisor_a", "admin"},
    ),
    # External education: one's own record; a supervisor of A (in any programme) or an
    # administrator decides A's course and sees its evidence, never A.
    "learners:education": (lambda w: [], SIGNED_IN),
    "learners:education-approvals": (lambda w: [], SUPERVISES | ADMIN),
    "learners:education-decide": (
        lambda w: [w["education"].pk],
        NOBODY,
        {"supervisor_a", "supervisor_a_elsewhere", "admin"},
    ),
    "learners:education-evidence": (
        lambda w: [w["education"].pk],
        {"learner_a", "supervisor_a", "supervisor_a_elsewhere", "admin"},
    ),
    # The issuer's public documents.
    "credential-key": (lambda w: [keys.current_jwt_key().thumbprint], EVERYONE),
    "credential-did": (lambda w: [], EVERYONE),
    "credential-status-list-purpose": (lambda w: [1, "suspension"], EVERYONE),
    # Privacy: one's own data and exports (A's export: A only); erasure: administrators.
    "personal_data": (lambda w: [], SIGNED_IN),
    "personal_export": (lambda w: [w["export"].pk], {"learner_a"}),
    "personal_export_download": (lambda w: [w["export"].pk], {"learner_a"}),
    # A document made in the background (A's hours log as PDF): its owner only.
    "document": (lambda w: [w["document"].pk], {"learner_a"}),
    "document_download": (lambda w: [w["document"].pk], {"learner_a"}),
    "privacy_erase": (lambda w: [w["A"].pk], ADMIN),
    # The practicum: one's own log, form and (empty or not) mentor's queue; A's meeting is
    # seen by A and by B, who mentors A in P (a volunteer: no role), and by nobody else,
    # administrators neither; only A changes their draft, only B decides.
    "learners:practicum": (lambda w: [], SIGNED_IN),
    "learners:practicum-new": (lambda w: [], SIGNED_IN),
    "learners:practicum-queue": (lambda w: [], SIGNED_IN),
    "learners:practicum-entry": (lambda w: [w["meeting"].pk], {"learner_a", "learner_b"}),
    "learners:practicum-edit": (lambda w: [w["meeting_draft"].pk], {"learner_a"}),
    "learners:practicum-submit": (lambda w: [w["meeting_draft"].pk], NOBODY, {"learner_a"}),
    "learners:practicum-delete": (lambda w: [w["meeting_draft"].pk], NOBODY, {"learner_a"}),
    "learners:practicum-decide": (lambda w: [w["meeting"].pk], NOBODY, {"learner_b"}),
}

# Admin models: the world's object of each (one of programme P), and who manages it.
SCOPED_TO_P = {
    "learners_cohort": "cohort",
    "learners_session": "session",
    "learners_practicecategory": "category",
    "learners_hoursrequirement": "requirement",
    "learners_supervision": "supervision",
    "learners_mentorship": "mentorship",
    "assessments_question": "question",
    "assessments_extratime": "extra_time",
}
ADMIN_ONLY = {
    "courses_programmelead": "grant",
    "courses_certificationtrack": None,
    "learners_department": None,
    "learners_supervisorprofile": "profile",
    "learners_organisation": "clinic",
}
# Views that take no object: every lead reaches them (the lists are scoped, see
# tests/learners/hours/test_access_policy.py); views that open one object.
LIST_VIEWS = {"list", "list_results", "add"}
CHOOSER_VIEWS = {"choose", "choose_results", "chosen_multiple", "create"}
WRITE_VIEWS = {"add", "edit", "delete", "copy", "revisions_revert", "create"}
OBJECT_VIEWS = {
    "edit", "delete", "copy", "usage", "history", "history_results", "chosen",
    "revisions_compare", "revisions_revert",
}  # fmt: skip
LEAD_LISTS = {
    # model: roles that reach its object-free views (model permissions of the role)
    "learners_supervisorprofile": STAFF_ADMIN,
    "learners_organisation": STAFF_ADMIN,
    "learners_supervisorprofile:add": ADMIN,
    "learners_organisation:add": ADMIN,
    "courses_programmelead": ADMIN,
    "courses_certificationtrack": ADMIN,
    "learners_department": ADMIN,
}


def walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "view_class", pattern.callback)
            yield namespace + (pattern.name or ""), pattern, view.__module__


def project_patterns():
    """Every pattern whose view is the project's, and every snippet URL of its models."""
    for name, pattern, module in walk(get_resolver().url_patterns):
        model = admin_model(name)
        if model or module.split(".")[0] in PROJECT_APPS:
            yield name, pattern, model


def admin_model(name: str) -> str | None:
    for prefix in ("wagtailsnippets_", "wagtailsnippetchoosers_"):
        if name.startswith(prefix):
            label = name.split(":")[0].removeprefix(prefix)
            if label.split("_")[0] in PROJECT_APPS:
                return label
    return None


def admin_row(name: str, model: str, world):
    """(URL arguments, roles that reach it) for an admin URL of a project model."""
    view = name.split(":")[1]
    if view == "create":  # the chooser's creation form: as the model's add view
        return [], LEAD_LISTS.get(f"{model}:add", LEAD_LISTS.get(model, STAFF_ADMIN))
    if view in CHOOSER_VIEWS:
        # Any admin user opens a chooser; it lists only their scope (empty for others).
        return [], STAFF_ADMIN
    if view in LIST_VIEWS:
        return [], LEAD_LISTS.get(f"{model}:{view}", LEAD_LISTS.get(model, STAFF_ADMIN))
    assert view in OBJECT_VIEWS, f"admin view {name} has no row in the access matrix"
    key = SCOPED_TO_P.get(model) or ADMIN_ONLY.get(model)
    obj = world.get(key) if key else None
    pk = obj.pk if obj is not None else 999999
    if view == "revisions_compare":
        return [pk, "earliest", "latest"], LEAD_A if model in SCOPED_TO_P else ADMIN
    if view == "revisions_revert":
        return [pk, world["revision"]], LEAD_A
    if view == "chosen" and model in ("learners_supervisorprofile", "learners_organisation"):
        return [pk], LEAD_A
    if view == "delete" and model in ("learners_cohort", "learners_organisation"):
        # Nobody deletes organisations; only administrators delete cohorts.
        return [pk], ADMIN if model == "learners_cohort" else NOBODY
    if model in SCOPED_TO_P:
        return [pk], LEAD_A
    return [pk], ADMIN if obj is not None else NOBODY


def add_prompts(module) -> tuple[str, str]:
    """A worksheet and an optional reflection in ``module``; their block ids."""
    module.body.append(
        ("worksheet", {"title": "Ark", "instructions": "", "rows": ["R"], "columns": ["K"]})
    )
    module.body.append(
        ("reflection", {"title": "Levd", "prompt": "Hva?", "optional_lived_experience": True})
    )
    module.save()
    module.refresh_from_db()
    *_, worksheet, reflection = module.body
    return worksheet.id, reflection.id


def build_world(roles):
    P = ProgrammePage.objects.get(content_key="rusradgiver")
    Q = ProgrammePage.objects.get(content_key="avholdt")
    people = {
        "learner_a": UserFactory(username="a", groups=[roles["Learners"]]),
        "learner_b": UserFactory(username="b", groups=[roles["Learners"]]),
        "supervisor_a": UserFactory(username="sa", groups=[roles[SUPERVISORS]]),
        "supervisor_others": UserFactory(username="so", groups=[roles[SUPERVISORS]]),
        "supervisor_a_elsewhere": UserFactory(username="se", groups=[roles[SUPERVISORS]]),
        "lead_a": UserFactory(username="la", groups=[roles[PROGRAMME_LEADS]]),
        "lead_other": UserFactory(username="lo", groups=[roles[PROGRAMME_LEADS]]),
        "lead_nothing": UserFactory(username="ln", groups=[roles[PROGRAMME_LEADS]]),
        "org_leader_other": UserFactory(username="ol", groups=[roles[ORGANISATION_LEADERS]]),
        "admin": UserFactory(username="ad", groups=[roles["Administrators"]]),
    }
    A, B = people["learner_a"], people["learner_b"]
    make_lead(people["lead_a"], P)
    make_lead(people["lead_other"], Q)
    clinic = Organisation.objects.create(name="Klinikken", slug="klinikken")
    Organisation.objects.create(name="Annen", slug="annen").leaders.add(people["org_leader_other"])
    cohort = Cohort.objects.create(organisation=clinic, programme=P, name="R1")
    cohort.members.add(A, B)
    enrolment = progress.enrol(learner=A, programme=P, actor=people["admin"], cohort=cohort)
    progress.enrol(learner=B, programme=P, actor=people["admin"], cohort=cohort)
    progress.enrol(learner=A, programme=Q, actor=people["admin"])
    hours.load_demo_hours(supervisor=people["supervisor_a"], learners=[A])
    year_ago = timezone.localdate() - datetime.timedelta(days=365)
    Supervision.objects.update(starts_on=year_ago)
    Supervision.objects.create(
        learner=B, supervisor=people["supervisor_others"], programme=P, starts_on=year_ago
    )
    Supervision.objects.create(
        learner=A, supervisor=people["supervisor_a_elsewhere"], programme=Q, starts_on=year_ago
    )
    category = PracticeCategory.objects.filter(programme=P).first()
    entry = hours.create_entry(
        learner=A,
        programme=P,
        category=category,
        date=timezone.localdate() - datetime.timedelta(days=1),
        hours=Decimal("1.5"),
        setting="Poliklinikken",
        description="Samtale.",
    )
    [entry] = hours.submit([entry], by=A)
    module = P.modules().first()
    journal = JournalEntry.objects.create(
        learner=A, module=module, block_id="x", prompt_title="Refleksjon", kind="prompt",
        text="Privat.", shared_at=timezone.now(),
    )  # fmt: skip
    session = Session.objects.create(
        cohort=cohort, module=module, title="Veiledning", starts_at=timezone.now(),
        duration_minutes=60, place="Rom 1",
    )  # fmt: skip
    teamwork.save_revision(cohort=cohort, kind=PROTOCOL, text="Protokoll.", base=0, author=A)
    signoff = ModuleSignoff.objects.create(learner=A, module=module, programme=P, cohort=cohort)
    question = Question.objects.filter(programme=P).first()
    revision = question.save_revision()
    worksheet, optional_reflection = add_prompts(module)
    pdf = ContentFile(b"%PDF-1.4\n%%EOF\n", name="evidence.pdf")
    declaration = Declaration.objects.create(
        learner=A, programme=P, key="utdanning", statement="Vitnemål", detail="Bachelor.",
        evidence=pdf, confirmation=TrackRequirement.Confirmation.SUPERVISOR,
        signed_at=timezone.now(), content_sha256="0" * 64,
    )  # fmt: skip
    education = ExternalEducation.objects.create(
        learner=A, provider="Høgskolen", title="Rusfag", date=timezone.localdate(),
        hours=Decimal("6"), topics="rusfaglig", evidence=pdf,
    )  # fmt: skip
    attestation = Attestation.objects.create(
        learner=A, programme=P, key="arbeidserfaring", evidence=pdf, confirmed_by=people["admin"]
    )
    certificate = Certificate.objects.create(
        serial="RR-1", learner=A, learner_name="A", programme=P, programme_title=P.title,
        language="nb", issued_on=timezone.localdate(), organisation_name="Praksis",
        credential_ld='{"type": ["VerifiableCredential"]}', status_list=1, status_index=0,
    )  # fmt: skip
    mentorship = Mentorship.objects.create(learner=A, mentor=B, programme=P, starts_on=year_ago)
    meeting, meeting_draft = (
        practicum.save_entry(
            PracticumEntry(
                learner=A, programme=P, date=timezone.localdate(), role="co-facilitator",
                duration_minutes=60, reflection="Runden.",
            ),
            learner=A,
        )
        for _ in range(2)
    )  # fmt: skip
    practicum.submit(meeting, learner=A)
    export = PersonalExport.objects.create(
        person=A, status=PersonalExport.Status.DONE, file=ContentFile(b"PK", name="data.zip"),
        finished_at=timezone.now(),
    )  # fmt: skip

    return {
        **people,
        "A": A,
        "P": P,
        "clinic": clinic,
        "cohort": cohort,
        "enrolment": enrolment,
        "entry": entry,
        "module": module,
        "journal": journal,
        "signoff": signoff,
        "worksheet": worksheet,
        "optional_reflection": optional_reflection,
        "declaration": declaration,
        "education": education,
        "attestation": attestation,
        "export": export,
        "document": PreparedDocument.objects.create(
            owner=A,
            kind="hours-pdf",
            title="Log",
            filename="log.pdf",
            status=PreparedDocument.Status.DONE,
            file=ContentFile(b"%PDF-1.4", name="log.pdf"),
        ),  # fmt: skip
        "certificate": certificate,
        "session": session,
        "category": category,
        "requirement": HoursRequirement.objects.get(programme=P),
        "supervision": Supervision.objects.get(learner=A, programme=P),
        "mentorship": mentorship,
        "meeting": meeting,
        "meeting_draft": meeting_draft,
        "profile": SupervisorProfile.objects.get(user=people["supervisor_a"]),
        "question": question,
        "revision": revision.pk,
        # B is enrolled only in P: the lead of the other programme has no say over it.
        "extra_time": ExtraTime.objects.create(learner=B, percent=50),
        "grant": ProgrammeLead.objects.get(user=people["lead_a"]),
        "event": AuditEvent.objects.order_by("pk").first().pk,
    }


def outcome(response) -> str:
    """ok: the page or an action's redirect; no: refused or sent to sign in."""
    if response.status_code >= 500:
        return "error"
    if response.status_code in (401, 403, 404, 405):
        return "no"
    if response.status_code in (301, 302, 303):
        target = response["Location"]
        # Sent to sign in, or to the admin's home with "permission denied".
        refused = "login" in target or "two-factor" in target or target == "/admin/"
        return "no" if refused else "ok"
    return "ok"


@pytest.mark.django_db
def test_every_url_answers_each_role_as_the_matrix_says(roles):
    world = build_world(roles)
    clients = {"anonymous": Client(raise_request_exception=False)}
    for role in ROLES[1:]:
        clients[role] = Client(raise_request_exception=False)
        clients[role].force_login(world[role])
    printing = bool(os.environ.get("ACCESS_MATRIX_PRINT"))
    unclassified, wrong = [], []
    for name, _pattern, model in project_patterns():
        if model:
            args, allowed = admin_row(name, model, world)
            may_post = allowed if name.split(":")[1] in WRITE_VIEWS else None
        elif name in SITE:
            build, allowed, *posting = SITE[name]
            args, may_post = build(world), (posting[0] if posting else allowed)
        else:
            unclassified.append(name)
            continue
        url = reverse(name, args=args)
        got = {}
        for role in ROLES:
            got[role] = outcome(clients[role].get(url))
            expected = "ok" if role in allowed else "no"
            if got[role] != expected:
                wrong.append(f"GET {name} as {role}: {got[role]}, expected {expected}")
            if may_post is not None and role not in may_post:
                posted = outcome(clients[role].post(url, {}))
                if posted != "no":
                    wrong.append(f"POST {name} as {role}: {posted}, expected no")
        if printing:
            print(name, sorted(role for role, result in got.items() if result == "ok"))
    assert not unclassified, f"URL patterns without a row: {unclassified}"
    assert not wrong, "\n".join(wrong)
