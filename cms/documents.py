"""Documents rendered in the background: a view asks for one (``start_document``), a
task renders it (Django's tasks API, the ``certificates`` backend: the database queue in
production, run by ``manage.py db_worker``; at once on one machine and in tests), and
the person follows its progress on the document's page and downloads it from there.

Each kind of document has a renderer, registered by the room that owns the data
(``register_renderer``): ``render(document, progress)`` returns the file's bytes and
calls ``progress(done, total)`` as it goes. The base layer knows no room, only the
kinds registered with it."""

import logging
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation

from .audit import record
from .models import PreparedDocument

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Renderer = Callable[[PreparedDocument, Progress], bytes]

renderers: dict[str, Renderer] = {}


def register_renderer(kind: str, render: Renderer) -> None:
    """Name the function that renders documents of ``kind``."""
    if renderers.get(kind, render) is not render:
        raise ImproperlyConfigured(f"Two renderers for documents of kind {kind!r}.")
    renderers[kind] = render


def start_document(*, owner, kind: str, title: str, filename: str, params: dict):
    """Queue a document for ``owner`` (who alone may fetch it) and say so in the audit
    log. ``params`` are what the renderer needs (ids and dates, JSON); the document is
    rendered in the language active now."""
    if kind not in renderers:
        raise ImproperlyConfigured(f"No renderer for documents of kind {kind!r}.")
    params = {**params, "language": translation.get_language()}
    document = PreparedDocument.objects.create(
        owner=owner, kind=kind, title=title[:255], filename=filename[:150], params=params
    )
    record(actor=owner, action="document.requested", target=document, kind=kind)
    transaction.on_commit(lambda: render_document.enqueue(document.pk))
    return document


def build_document(document_id: int) -> PreparedDocument:
    """Render the document and keep the file in private storage, saving progress on its
    row as the renderer reports it; a failure is recorded on the row, so its page says
    so."""
    document = PreparedDocument.objects.select_related("owner").get(pk=document_id)
    rows = PreparedDocument.objects.filter(pk=document.pk)
    rows.update(status=PreparedDocument.Status.RUNNING, done=0)

    def progress(done: int, total: int) -> None:
        rows.update(done=done, total=total)

    try:
        with translation.override(document.params.get("language")):
            content = renderers[document.kind](document, progress)
    except Exception as error:  # the page must say it failed, whatever failed
        logger.exception("Document %s (%s) failed", document.pk, document.kind)
        rows.update(
            status=PreparedDocument.Status.FAILED, error=str(error)[:500],
            finished_at=timezone.now(),
        )  # fmt: skip
        raise
    document.refresh_from_db()
    document.file.save(document.filename, ContentFile(content), save=False)
    document.status = PreparedDocument.Status.DONE
    document.done = document.total = max(document.total, 1)
    document.finished_at = timezone.now()
    document.save(update_fields=["file", "status", "done", "total", "finished_at"])
    return document


@task(backend="certificates")
def render_document(document_id: int) -> None:
    build_document(document_id)
