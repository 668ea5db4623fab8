"""What the certification room holds about a person, for ``cms.privacy``: certificates,
attestations, declarations and education taken elsewhere (each with its evidence),
standings, and bulk exports an administrator made.

Erasure deletes the person's attestations, declarations (health declarations included)
and external education with their evidence files. Declarations a supervisor confirmed
and external education they approved belong to the learner: they stay, and the download
of the supervisor who confirmed or approved them has ids and dates only, never the
learner's text (a health declaration is special-category data).

Erasure keeps every certificate verifiable at ``/verify/<code>/`` in its state (valid,
expired, revoked, superseded) with the name replaced by "Erased person <short id>" in the
certificate's language; the stored PDF and our copy of the signed credential, which carry
the name, are deleted, and the certificate no longer points at the account. Credentials
the holder downloaded still verify against the issuer's key and status list."""

from cms.privacy import Erasure, delete_rows, register, register_document, rows

from .models import (
    Attestation,
    Certificate,
    CertificateExport,
    Declaration,
    EligibilitySnapshot,
    ExternalEducation,
)


def export_certificates(person) -> list[dict]:
    own = [
        {**row, "state": certificate.state()}
        for certificate, row in zip(
            Certificate.objects.of(person).order_by("pk"),
            rows(
                Certificate.objects.of(person),
                "serial", "verification_id", "learner_name", "programme_id",
                "programme_title", "language", "kind", "issued_on", "expires_on",
                "organisation_name", "signatory_name", "revoked_at", "revocation_reason",
                "credential",
            ),
            strict=True,
        )
    ]  # fmt: skip
    handled = [
        {"role": "issued or revoked", **row}
        for row in rows(
            Certificate.objects.filter(issued_by=person) | Certificate.objects.filter(
                revoked_by=person),
            "serial", "issued_by_id", "revoked_by_id", "revoked_at",
        )
    ]  # fmt: skip
    return [*({"role": "holder", **row} for row in own), *handled]


def erase_certificates(erasure: Erasure) -> int:
    count = 0
    for certificate in Certificate.objects.of(erasure.person).order_by("pk"):
        if certificate.pdf:
            certificate.pdf.delete(save=False)
        certificate.learner_name = erasure.placeholder(certificate.language)
        certificate.credential = ""
        certificate.learner = None
        certificate.save(update_fields=["learner_name", "credential", "pdf", "learner"])
        count += 1
    return count


def export_declarations(person) -> list[dict]:
    """The person's own declarations in full; those they confirmed for others with ids
    and dates only."""
    own = rows(
        Declaration.objects.filter(learner=person),
        "id", "programme_id", "key", "statement", "detail", "health", "confirmation",
        "signed_at", "content_sha256", "confirmed_by_id", "confirmed_at", "erased_at",
    )  # fmt: skip
    confirmed = rows(
        Declaration.objects.filter(confirmed_by=person).exclude(learner=person),
        "id", "programme_id", "key", "confirmed_at",
    )  # fmt: skip
    return [
        *({"role": "learner", **row} for row in own),
        *({"role": "confirmed as supervisor", **row} for row in confirmed),
    ]


def export_external_education(person) -> list[dict]:
    """The person's own external education in full; records they approved or returned
    for others with ids and dates only."""
    own = rows(
        ExternalEducation.objects.filter(learner=person),
        "id", "provider", "title", "date", "hours", "topics", "face_to_face", "status",
        "decided_by_id", "decided_at", "comment", "created_at",
    )  # fmt: skip
    decided = rows(
        ExternalEducation.objects.filter(decided_by=person).exclude(learner=person),
        "id", "status", "decided_at",
    )  # fmt: skip
    return [
        *({"role": "learner", **row} for row in own),
        *({"role": "decided as supervisor", **row} for row in decided),
    ]


def certificate_files(person):
    for certificate in Certificate.objects.of(person).order_by("pk"):
        if certificate.pdf:
            with certificate.pdf.open("rb") as handle:
                yield f"{certificate.serial}.pdf", handle.read()
        if certificate.credential:
            yield f"{certificate.serial}.jwt", certificate.credential.encode("ascii")


def register_handlers() -> None:
    register(Certificate, export=export_certificates, erase=erase_certificates)
    register(
        Attestation,
        export=lambda person: rows(Attestation.objects.filter(learner=person), "programme_id",
                                   "key", "note", "confirmed_at", "confirmed_by_id"),
        erase=lambda erasure: delete_rows(Attestation.objects.filter(learner=erasure.person)),
    )  # fmt: skip
    register(
        Declaration,
        export=export_declarations,
        erase=lambda erasure: delete_rows(Declaration.objects.filter(learner=erasure.person)),
    )
    register(
        ExternalEducation,
        export=export_external_education,
        erase=lambda erasure: delete_rows(
            ExternalEducation.objects.filter(learner=erasure.person)),
    )  # fmt: skip
    register(
        EligibilitySnapshot,
        export=lambda person: rows(EligibilitySnapshot.objects.filter(learner=person),
                                   "programme_id", "eligible", "results", "evaluated_at"),
        erase=lambda erasure: EligibilitySnapshot.objects.filter(
            learner=erasure.person).delete()[0],
    )  # fmt: skip
    register(
        CertificateExport,
        export=lambda person: rows(CertificateExport.objects.filter(requested_by=person),
                                   "id", "programme_id", "cohort_id", "status", "created_at"),
        erase=lambda erasure: delete_rows(
            CertificateExport.objects.filter(requested_by=erasure.person)),
    )  # fmt: skip
    register_document("certificates", certificate_files)
