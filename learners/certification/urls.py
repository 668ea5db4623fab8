"""The learner's certificates and the administrator's certificate pages."""

from django.urls import path

from . import declaration_views, education_views, views

urlpatterns = [
    path("certificates/", views.certificate_list, name="certificates"),
    path("certificates/<id:pk>/certificate.pdf", views.certificate_pdf, name="certificate-pdf"),
    path(
        "certificates/<id:pk>/credential.jwt",
        views.certificate_credential,
        name="certificate-credential",
    ),
    path(
        "certificates/<id:pk>/credential.json",
        views.certificate_credential_ld,
        name="certificate-credential-ld",
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
        "certificates/declare/<id:programme_id>/<slug:key>/",
        declaration_views.sign,
        name="declaration-sign",
    ),
    path("certificates/declarations/", declaration_views.waiting, name="declarations"),
    path("certificates/declarations/<id:pk>/", declaration_views.detail, name="declaration"),
    path(
        "certificates/declarations/<id:pk>/evidence/",
        declaration_views.evidence,
        name="declaration-evidence",
    ),
    path(
        "certificates/declarations/<id:pk>/confirm/",
        declaration_views.confirm,
        name="declaration-confirm",
    ),
    path("education/", education_views.own, name="education"),
    path("education/approvals/", education_views.waiting, name="education-approvals"),
    path("education/<id:pk>/decide/", education_views.decide, name="education-decide"),
    path("education/<id:pk>/evidence/", education_views.evidence, name="education-evidence"),
    path("certificates/exports/", views.exports, name="certificates-exports"),
    path("certificates/exports/<id:pk>/", views.export_detail, name="certificates-export"),
    path(
        "certificates/attestations/<id:pk>/evidence/",
        views.attestation_evidence,
        name="certificates-attestation-evidence",
    ),
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
    path("credentials/keys/<str:thumbprint>", views.credential_key, name="credential-key"),
    path(".well-known/did.json", views.did_document, name="credential-did"),
    path(
        "credentials/status/<id:number>",
        views.credential_status_list,
        name="credential-status-list",
    ),
    path(
        "credentials/status/<id:number>/<slug:purpose>",
        views.credential_status_list,
        name="credential-status-list-purpose",
    ),
]
