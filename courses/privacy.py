"""What the courses app holds about a person, for ``cms.privacy``: the programmes they
lead. A grant is an administrator's decision about the person; erasure deletes their
grants (the audit events of each grant and revocation stay, redacted like every event
about them). Grants the person made as an administrator stay with the lead they name,
pointing at the anonymised account."""

from cms.privacy import Erasure, delete_rows, register, rows

from .leads import ProgrammeLead


def export_grants(person) -> list[dict]:
    """The programmes the person leads; grants they made for others with ids only."""
    own = rows(
        ProgrammeLead.objects.filter(user=person),
        "programme_id", "programme__title", "granted_by_id", "granted_at",
    )  # fmt: skip
    granted = rows(
        ProgrammeLead.objects.filter(granted_by=person).exclude(user=person),
        "id", "programme_id", "granted_at",
    )  # fmt: skip
    return [
        *({"role": "lead", **row} for row in own),
        *({"role": "granted as administrator", **row} for row in granted),
    ]


def erase_grants(erasure: Erasure) -> int:
    return delete_rows(ProgrammeLead.objects.filter(user=erasure.person))


def register_handlers() -> None:
    register(ProgrammeLead, export=export_grants, erase=erase_grants)
