"""The learner's certificates and the administrator's certificate pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("certificates/", views.certificate_list, name="certificates"),
    path("certificates/<id:pk>/certificate.pdf", views.certificate_pdf, name="certificate-pdf"),
    path(
        "certificates/<id:pk>/credential.jwt",
        views.certificate_credential,
        name="certificate-credential",
    ),
    path("certificates/manage/", views.manage, name="certificates-manage"),
    path(
        "certificates/issue/<id:programme_id>/<id:learner_id>/",
        views.issue,
        name="certificates-issue",
    ),
    path("certificates/<id:pk>/revoke/", views.revoke, name="certificates-revoke"),
    path("certificates/<id:pk>/renew/", views.renew, name="certificates-renew"),
    path("certificates/attestations/", views.attest, name="certificates-attest"),
    path(
        "certificates/attestations/<id:pk>/evidence/",
        views.attestation_evidence,
        name="certificates-attestation-evidence",
    ),
    path("certificates/exports/", views.exports, name="certificates-exports"),
    path("certificates/exports/<id:pk>/", views.export_detail, name="certificates-export"),
    path(
        "certificates/exports/<id:pk>/download/",
        views.export_download,
        name="certificates-export-download",
    ),
]

# Public, outside the namespace: the verify page and the issuer's documents.
public_urlpatterns = [
    path("verify/<str:verification_id>/", views.verify, name="verify"),
    path("credentials/issuer", views.credential_issuer, name="credential-issuer"),
    path("credentials/issuer/jwks.json", views.credential_jwks, name="credential-jwks"),
    path(
        "credentials/status/<id:number>",
        views.credential_status_list,
        name="credential-status-list",
    ),
]
