"""What every file prepared in the background shares (``PreparedDocument``,
``PersonalExport``, ``learners.CertificateExport``): a status, the progress a task
reports, the file in private storage and the error when it failed."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .private_files import private_storage


def prepared_file_upload_to(instance, filename):
    """Each kind names its own folder: ``file_upload_to(instance, filename)``."""
    return instance.file_upload_to(filename)


class PreparedInBackground(models.Model):
    """A file a background task builds and reports its progress on. Finished means done
    or failed; a done file is 100 %, whatever the last progress said."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=prepared_file_upload_to, storage=private_storage, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def file_upload_to(self, filename: str) -> str:
        raise NotImplementedError

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
