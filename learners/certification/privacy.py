"""What the certification room holds about a person, for ``cms.privacy``: certificates,
attestations (with their evidence), standings, and bulk exports an administrator made.

Erasure keeps every certificate verifiable at ``/verify/<code>/`` in its state (valid,
expired, revoked, superseded) with the name replaced by "Erased person <short id>" in the
certificate's language; the stored PDF and our copy of the signed credential, which carry
the name, are deleted, and the certificate no longer points at the account. Credentials
the holder downloaded still verify against the issuer's key and status list."""

from cms.privacy import Erasure, delete_rows, register, register_document, rows

from .models import Attestation, Certificate, CertificateExport, EligibilitySnapshot


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
