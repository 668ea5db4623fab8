"""Bulk export of certificates: a ZIP of the stored PDFs with ``manifest.csv``, built by a
background task (Django's tasks API). The ``certificates`` task backend is the database
queue from django-tasks-db in production (run ``manage.py db_worker``) and runs tasks at
once on one machine and in tests."""

import io
import logging
import shutil
import tempfile
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.audit import record
from cms.spreadsheets import csv_writer

from .models import Certificate, CertificateExport

logger = logging.getLogger(__name__)


def certificates_for_export(export: CertificateExport):
    """Every certificate (any state) of a programme, or of a cohort's members in the
    cohort's programme."""
    rows = Certificate.objects.select_related("programme")
    if export.cohort_id:
        rows = rows.filter(
            programme=export.cohort.programme, learner__in=export.cohort.members.all()
        )
    elif export.programme_id:
        rows = rows.filter(programme=export.programme)
    else:
        rows = rows.none()
    return rows.order_by("programme_title", "learner_name", "pk")


def build_export(export_id: int) -> CertificateExport:
    """Write the ZIP: each certificate's stored PDF and ``manifest.csv`` (name, programme,
    serial, verification URL, status). Progress is saved as it goes, so the page shows
    it; the file stays in media storage for download."""
    export = CertificateExport.objects.get(pk=export_id)
    rows = list(certificates_for_export(export))
    CertificateExport.objects.filter(pk=export.pk).update(
        status=CertificateExport.Status.RUNNING, total=len(rows), done=0
    )
    # Written to a temporary file and copied to storage in chunks, never held whole.
    buffer = tempfile.TemporaryFile()
    manifest = io.StringIO()
    writer = csv_writer(manifest)
    writer.writerow(["name", "programme", "serial", "verification_url", "status"])
    try:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for number, certificate in enumerate(rows, start=1):
                if certificate.pdf:
                    with (
                        certificate.pdf.open("rb") as handle,
                        archive.open(f"{certificate.serial}.pdf", "w") as member,
                    ):
                        shutil.copyfileobj(handle, member)
                writer.writerow(
                    [
                        certificate.learner_name,
                        certificate.programme_title,
                        certificate.serial,
                        certificate.verification_url(),
                        certificate.state(),
                    ]
                )
                if number % 20 == 0 or number == len(rows):
                    CertificateExport.objects.filter(pk=export.pk).update(done=number)
            archive.writestr("manifest.csv", manifest.getvalue())
    except Exception as error:  # the page must say it failed, whatever failed
        logger.exception("Certificate export %s failed", export.pk)
        CertificateExport.objects.filter(pk=export.pk).update(
            status=CertificateExport.Status.FAILED, error=str(error)[:500],
            finished_at=timezone.now(),
        )  # fmt: skip
        raise
    export.refresh_from_db()
    buffer.seek(0)
    export.file.save(f"certificates-{export.pk}.zip", File(buffer, name="export.zip"), save=False)
    export.status = CertificateExport.Status.DONE
    export.done = len(rows)
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "done", "finished_at"])
    return export


@task(backend="certificates")
def export_certificates(export_id: int) -> None:
    build_export(export_id)


def start_export(*, actor, programme=None, cohort=None) -> CertificateExport:
    """Queue a bulk export as a background task (``certificates`` task backend)."""
    if (programme is None) == (cohort is None):
        raise ValidationError(_("Choose a programme or a cohort."))
    export = CertificateExport.objects.create(
        requested_by=actor, programme=programme, cohort=cohort
    )
    transaction.on_commit(lambda: export_certificates.enqueue(export.pk))
    record(actor=actor, action="certificate.export_started", target=export)
    return export
