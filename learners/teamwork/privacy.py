"""What the teamwork room holds about a person, for ``cms.privacy``: the revisions of
team documents they saved and the ones they approved. The download holds their own
revisions' text. Erasure keeps the revisions — the cohort's shared document rests on
them — and the anonymised account replaces the author's and approver's name wherever
the history shows it."""

from cms.privacy import register, rows

from .models import DocumentRevision

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


def register_handlers() -> None:
    register(
        DocumentRevision,
        export=export_revisions,
        kept=(
            "a cohort's shared document and its history rest on every revision; the "
            "anonymised account replaces the author's and approver's name"
        ),
    )
