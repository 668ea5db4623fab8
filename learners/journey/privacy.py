"""What the journey room holds about a person, for ``cms.privacy``: enrolments, module
progress and leaders' sign-offs, the journal (with the supervisor's comments on it) and
comments the person wrote on others' entries. Erasure deletes the journal and the
learning record."""

from cms.privacy import Erasure, delete_rows, register, register_document, rows

from .journal import export_pdf
from .models import Enrolment, JournalComment, JournalEntry, ModuleProgress, ModuleSignoff

SIGNOFF_FIELDS = ("module_id", "module__title", "cohort_id", "status", "requested_at", "decided_at")


def export_signoffs(person) -> list[dict]:
    """The person's own sign-off requests with the leader's comment, and the decisions
    they made as a leader (without the comment they wrote to someone else)."""
    asked = rows(ModuleSignoff.objects.filter(learner=person), *SIGNOFF_FIELDS, "comment")
    decided = rows(ModuleSignoff.objects.filter(decided_by=person), *SIGNOFF_FIELDS)
    return [
        *({"role": "learner", **row} for row in asked),
        *({"role": "leader", **row} for row in decided),
    ]


def export_journal(person) -> list[dict]:
    entries = rows(
        JournalEntry.objects.of(person),
        "id", "module_id", "module__title", "block_id", "prompt_title", "kind", "text",
        "cells", "shared_at", "created_at", "updated_at",
    )  # fmt: skip
    comments: dict[int, list[dict]] = {}
    for comment in rows(
        JournalComment.objects.filter(entry__learner=person),
        "entry_id", "author_id", "text", "created_at",
    ):  # fmt: skip
        comments.setdefault(comment.pop("entry_id"), []).append(comment)
    for entry in entries:
        entry["comments"] = comments.get(entry["id"], [])
    return entries


def erase_journal(erasure: Erasure) -> int:
    """The journal is deleted, with the comments written on it."""
    return JournalEntry.objects.of(erasure.person).delete()[0]


def export_comments_written(person) -> list[dict]:
    """Comments the person wrote on other learners' shared entries: their own text and
    the entry's id, never the entry."""
    return rows(JournalComment.objects.filter(author=person), "id", "entry_id", "text",
                "created_at")  # fmt: skip


def journal_pdf(person):
    if JournalEntry.objects.of(person).exists():
        yield "journal.pdf", export_pdf(learner=person)


def register_handlers() -> None:
    register(
        Enrolment,
        export=lambda person: rows(
            Enrolment.objects.of(person),
            "programme_id", "programme__title", "cohort_id", "status", "enrolled_at",
            "completed_at", "withdrawn_at",
        ),
        erase=lambda erasure: delete_rows(Enrolment.objects.filter(learner=erasure.person)),
    )  # fmt: skip
    register(
        ModuleProgress,
        export=lambda person: rows(
            ModuleProgress.objects.filter(learner=person),
            "module_id", "module__title", "started_at", "last_viewed_at",
            "content_note_seen_at", "marked_done_at", "passed_at", "completed_at",
            "attended_at", "signed_off_at",
        ),
        erase=lambda erasure: ModuleProgress.objects.filter(learner=erasure.person).delete()[0],
    )  # fmt: skip
    register(JournalEntry, export=export_journal, erase=erase_journal)
    # A learner's requests go with their learning record; a leader's decisions on
    # others' requests stay under the anonymised name.
    register(
        ModuleSignoff,
        export=export_signoffs,
        erase=lambda erasure: ModuleSignoff.objects.filter(learner=erasure.person).delete()[0],
    )
    register(
        JournalComment,
        export=export_comments_written,
        kept=(
            "A supervisor's comment belongs to the learner's journal it was written in; it "
            "stays there under the anonymised name, and goes when that journal is erased."
        ),
    )
    register_document("journal", journal_pdf)
