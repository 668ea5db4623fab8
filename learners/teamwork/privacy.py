"""What the teamwork room holds about a person, for ``cms.privacy``: the revisions of
team documents they saved and the ones they approved, and the consultations they
recorded or took part in. The download holds their own revisions' text. Erasure keeps
the revisions and the consultations — the cohort's shared work rests on them — and the
anonymised account replaces the person's name wherever they are shown."""

from django.db.models import Q

from cms.privacy import register, rows

from .models import Consultation, DocumentRevision

FIELDS = ("document__cohort_id", "document__kind", "number", "saved_at", "version")


def export_revisions(person) -> list[dict]:
    """Revisions the person saved (with their text), and those they approved (without
    the text, which others wrote)."""
    saved = rows(DocumentRevision.objects.filter(author=person), *FIELDS, "text")
    approved = rows(DocumentRevision.objects.filter(approved_by=person), *FIELDS, "approved_at")
    return [
        *({"role": "author", **row} for row in saved),
        *({"role": "approver", **row} for row in approved),
    ]


def export_consultations(person) -> list[dict]:
    """Consultations the person recorded or took part in, with what was written: the
    record holds no client's details, only what the team learnt and agreed."""
    records = Consultation.objects.filter(Q(recorded_by=person) | Q(participants=person)).distinct()
    return [
        {**row, "recorded_by_me": row.pop("recorded_by_id") == person.pk}
        for row in rows(
            records, "cohort_id", "held_on", "kind", "consultant", "notes", "recorded_by_id"
        )
    ]


def register_handlers() -> None:
    register(
        DocumentRevision,
        export=export_revisions,
        kept=(
            "a cohort's shared document and its history rest on every revision; the "
            "anonymised account replaces the author's and approver's name"
        ),
    )
    register(
        Consultation,
        export=export_consultations,
        kept=(
            "the cohort's record of a consultation is shared work; the anonymised account "
            "replaces the name of who recorded it and who took part"
        ),
    )
    register(
        Consultation.participants.through,
        export=lambda person: rows(
            Consultation.participants.through.objects.filter(user=person), "consultation_id"
        ),
        kept="who took part in a consultation stays in the record, under the anonymised name",
    )
