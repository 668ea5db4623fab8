"""Documents, personal exports and certificate exports keep one set of rules for a file
prepared in the background (``cms.background.PreparedInBackground``)."""

import pytest

from cms.background import PreparedInBackground
from cms.models import PersonalExport, PreparedDocument
from learners.models import CertificateExport

KINDS = [PreparedDocument, PersonalExport, CertificateExport]
Status = PreparedInBackground.Status


@pytest.mark.parametrize("model", KINDS)
def test_every_kind_shares_the_rules(model):
    assert issubclass(model, PreparedInBackground)
    assert model.Status is Status
    assert model._meta.ordering == ["-created_at", "-pk"]


@pytest.mark.parametrize("model", KINDS)
@pytest.mark.parametrize(
    ("status", "done", "total", "percent", "finished"),
    [
        (Status.QUEUED, 0, 0, 0, False),
        (Status.RUNNING, 1, 3, 33, False),
        (Status.FAILED, 1, 4, 25, True),
        (Status.DONE, 0, 0, 100, True),
    ],
)
def test_progress_and_finished(model, status, done, total, percent, finished):
    item = model(status=status, done=done, total=total)
    assert (item.percent, item.finished) == (percent, finished)


@pytest.mark.parametrize(
    ("item", "folder"),
    [
        (PreparedDocument(owner_id=7), "documents/7/"),
        (PersonalExport(person_id=7), "personal-exports/7/"),
        (CertificateExport(), "certificate-exports/"),
    ],
)
def test_each_kind_keeps_its_folder(item, folder):
    assert item.file.field.generate_filename(item, "x.zip").startswith(folder)
