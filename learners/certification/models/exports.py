"""Bulk exports of certificates (the task: ``learners.certification.exports``)."""

from django.conf import settings
from django.db import models

from cms.background import PreparedInBackground

from .files import private_upload_to


def export_upload_to(instance, filename):
    return private_upload_to("certificate-exports")(instance, filename)


class CertificateExport(PreparedInBackground):
    """A bulk export an administrator asked for: a ZIP of PDFs and a CSV manifest, built
    by a background task that reports its progress here."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    cohort = models.ForeignKey(
        "learners.Cohort", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"export #{self.pk}"

    file_upload_to = export_upload_to
