"""Saving and approving team documents, and recording consultations. Every change is audited
(``team_document.created``, ``.saved``, ``.approved``) in the transaction that makes it.

A save names the revision the writer started from (``base``); if someone else saved in
between, nothing is written and ``StaleRevision`` says so, so no text is silently
overwritten. An approval names the revision the approver read, for the same reason."""

import difflib

from django.db import transaction
from django.utils import timezone

from cms.audit import record
from cms.markdown import validate_markdown
from learners.cohorts.models import Cohort

from .models import Consultation, DocumentRevision, TeamDocument


class StaleRevision(Exception):
    """Someone saved a newer revision than the one the person started from."""

    def __init__(self, latest: int):
        self.latest = latest
        super().__init__(latest)


class NothingToApprove(Exception):
    """The latest revision is already approved."""


def document_of(cohort: Cohort, kind: str) -> TeamDocument | None:
    return (
        TeamDocument.objects.select_related("latest__author", "approved__approved_by")
        .filter(cohort=cohort, kind=kind)
        .first()
    )


@transaction.atomic
def save_revision(*, cohort: Cohort, kind: str, text: str, base: int, author) -> DocumentRevision:
    """Save ``text`` as the next revision of the cohort's document of ``kind`` (creating
    the document with its first save). ``base`` is the revision the writer started from
    (0 for a new document); unchanged text saves nothing and returns the latest."""
    validate_markdown(text)
    document, created = TeamDocument.objects.get_or_create(cohort=cohort, kind=kind)
    document = (
        TeamDocument.objects.select_for_update(of=("self",))
        .select_related("latest")
        .get(pk=document.pk)
    )
    if base != document.revisions:
        raise StaleRevision(document.revisions)
    if document.latest is not None and document.latest.text == text:
        return document.latest
    revision = DocumentRevision.objects.create(
        document=document, number=document.revisions + 1, text=text, author=author
    )
    document.revisions = revision.number
    document.latest = revision
    document.save(update_fields=["revisions", "latest"])
    if created:
        record(actor=author, action="team_document.created", target=document, kind=kind)
    record(actor=author, action="team_document.saved", target=document, revision=revision.number)
    return revision


@transaction.atomic
def approve(*, document: TeamDocument, number: int, actor) -> DocumentRevision:
    """Approve revision ``number``, which must still be the latest: it becomes the next
    version (1, 2, 3 …) with today's date and the approver. Who may approve is
    ``access.may_approve``."""
    document = (
        TeamDocument.objects.select_for_update(of=("self",))
        .select_related("latest", "approved")
        .get(pk=document.pk)
    )
    if document.latest is None or number != document.revisions:
        raise StaleRevision(document.revisions)
    if document.latest_id == document.approved_id:
        raise NothingToApprove
    revision = document.latest
    revision.version = (document.approved.version if document.approved else 0) + 1
    revision.approved_at = timezone.now()
    revision.approved_by = actor
    revision.save(update_fields=["version", "approved_at", "approved_by"])
    document.approved = revision
    document.save(update_fields=["approved"])
    record(
        actor=actor,
        action="team_document.approved",
        target=document,
        revision=revision.number,
        version=revision.version,
    )
    return revision


def changes(older: str, newer: str) -> list[tuple[str, str]]:
    """A line diff for reading: ``(mark, line)`` with mark ``"+"`` (added), ``"-"``
    (removed) or ``" "`` (kept)."""
    return [
        (line[0], line[2:])
        for line in difflib.ndiff(older.splitlines(), newer.splitlines())
        if line[:1] in "+- "
    ]


@transaction.atomic
def record_consultation(
    *, cohort: Cohort, author, held_on, kind: str, participants, consultant: str, notes: str
) -> Consultation:
    """Record a consultation or NMT assessment of ``cohort`` (audited as
    ``consultation.recorded``). Only members of the cohort can be named as taking part."""
    validate_markdown(notes)
    chosen = list(participants)
    members = set(cohort.members.filter(pk__in=[p.pk for p in chosen]).values_list("pk", flat=True))
    if any(person.pk not in members for person in chosen):
        raise ValueError("participants must be members of the cohort")
    consultation = Consultation.objects.create(
        cohort=cohort,
        held_on=held_on,
        kind=kind,
        consultant=consultant,
        notes=notes,
        recorded_by=author,
    )
    consultation.participants.set(chosen)
    record(
        actor=author,
        action="consultation.recorded",
        target=consultation,
        cohort=cohort.pk,
        kind=kind,
        participants=sorted(members),
    )
    return consultation
