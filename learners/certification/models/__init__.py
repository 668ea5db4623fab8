"""Certificates and what leads to them: attestations an administrator confirms,
declarations a learner signs and education taken elsewhere (``evidence``), the learner's
last evaluated standing against a track (``standing``), issued certificates
(``certificates``) and bulk exports (``exports``).

The rules live in ``learners.certification.eligibility`` and
``learners.certification.certificates``. The upload functions are exported here because
migrations name them by this path.
"""

from .certificates import (
    STATUS_LIST_SIZE,
    Certificate,
    CertificateQuerySet,
    certificate_upload_to,
    new_verification_id,
)
from .evidence import (
    EVIDENCE_MAX_BYTES,
    Attestation,
    Declaration,
    ExternalEducation,
    declaration_upload_to,
    evidence_upload_to,
    external_education_upload_to,
    validate_evidence_size,
)
from .exports import CertificateExport, export_upload_to
from .files import private_upload_to
from .standing import EligibilitySnapshot

__all__ = [
    "EVIDENCE_MAX_BYTES",
    "STATUS_LIST_SIZE",
    "Attestation",
    "Certificate",
    "CertificateExport",
    "CertificateQuerySet",
    "Declaration",
    "EligibilitySnapshot",
    "ExternalEducation",
    "certificate_upload_to",
    "declaration_upload_to",
    "evidence_upload_to",
    "export_upload_to",
    "external_education_upload_to",
    "new_verification_id",
    "private_upload_to",
    "validate_evidence_size",
]
