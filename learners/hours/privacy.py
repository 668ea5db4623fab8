"""What the hours room holds about a person, for ``cms.privacy``: their practice hours,
the entries they signed as supervisor, and their supervisor profile.

Erasure keeps every approved entry: it is a signed record, and its signature covers the
learner's id, not their name, so it still verifies. Drafts, submitted and returned
entries are deleted. Entries the person signed keep their licence number and credential
(a board checks those) but show the placeholder instead of the signer's name; the name
is not part of the signed content, so these signatures stay intact too."""

from django.db.models import Q

from cms.privacy import Erasure, register, register_document, rows

from .export import export_data, render_pdf
from .models import HoursEntry, SupervisorProfile

ENTRY_FIELDS = (
    "id", "programme_id", "programme__title", "category_id", "category__name", "date",
    "hours", "setting", "description", "supervision_type", "client_code", "corrects_id",
    "status", "submitted_at", "decided_at", "decision_comment", "signer_name",
    "signer_credential", "signer_licence_number", "signed_at", "content_sha256",
)  # fmt: skip


def export_hours(person) -> list[dict]:
    """The person's own entries in full; entries they signed for others with the
    signature only (no learner, no description)."""
    own = rows(HoursEntry.objects.of(person), *ENTRY_FIELDS)
    signed = rows(
        HoursEntry.objects.filter(signed_by=person).exclude(learner=person),
        "id", "programme_id", "date", "hours", "signer_name", "signer_credential",
        "signer_licence_number", "signed_at",
    )  # fmt: skip
    return [
        *({"role": "learner", **row} for row in own),
        *({"role": "signed as supervisor", **row} for row in signed),
    ]


def erase_hours(erasure: Erasure) -> int:
    person = erasure.person
    count = 0
    # Newest first, so a correction goes before the entry it corrects.
    unsigned = HoursEntry.objects.of(person).filter(~Q(status=HoursEntry.Status.APPROVED))
    for entry in unsigned.order_by("-pk"):
        entry.delete()
        count += 1
    # A queryset update: save() refuses any change to an approved entry, and this one
    # changes only the copied name, which the signature does not cover.
    count += HoursEntry.objects.filter(signed_by=person).update(signer_name=erasure.placeholder())
    return count


def hours_logs(person):
    """The signed hours log of each programme the person has approved hours in."""
    programmes = {
        entry.programme_id: entry.programme
        for entry in HoursEntry.objects.of(person).approved().select_related("programme")
    }
    for programme in programmes.values():
        yield f"hours-{programme.slug}.pdf", render_pdf(export_data(person, programme))


def register_handlers() -> None:
    register(HoursEntry, export=export_hours, erase=erase_hours)
    register(
        SupervisorProfile,
        export=lambda person: rows(SupervisorProfile.objects.filter(user=person),
                                   "credential", "licence_number"),
        erase=lambda erasure: SupervisorProfile.objects.filter(user=erasure.person).delete()[0],
    )  # fmt: skip
    register_document("hours", hours_logs)
