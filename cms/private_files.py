"""Private files: stored outside the public media folder and served only by a view that
has decided who may see them.

``STORAGES["private"]`` (setting) is a ``PrivateStorage`` in ``PRIVATE_MEDIA_ROOT``
(default ``var/private/``), which nothing serves and which has no URL. Give a model's
field ``storage=private_storage`` and serve it with ``serve_private``: the permission
check is the calling view's job (answer 404 to anyone who may not see the file), the
helper only makes the response safe: an attachment with the content type read from the
file's bytes, ``X-Content-Type-Options: nosniff``, ``Content-Security-Policy: sandbox``
and ``Cache-Control: private, no-store``.
"""

from pathlib import PurePath

from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

from .text import clean_name
from .uploads import sniff

SAFE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox",
    "Cache-Control": "private, no-store",
}


class PrivateStorage(FileSystemStorage):
    """File-system storage with no public URL."""

    def url(self, name):
        raise ValueError(
            "Private files have no public URL: serve them with cms.private_files.serve_private "
            "from a view that checks who may see them."
        )


def private_storage():
    """The private storage, for ``FileField(storage=private_storage)`` (a callable keeps
    the storage out of migrations)."""
    return storages["private"]


def serve_private(request, file, *, filename: str) -> HttpResponse:
    """Stream ``file`` (a stored ``FieldFile`` or any open file) as a download named
    ``filename``. The caller has already checked that ``request.user`` may see it.

    The content type comes from the file's bytes (unknown types are sent as
    ``application/octet-stream``); the name loses hidden characters and path parts and
    gets the extension that matches the content, so a browser never renders the file
    inline and the saved file opens as what it is."""
    file.open("rb")
    kind = sniff(file)
    content_type = kind.mime if kind else "application/octet-stream"
    name = _download_name(filename, kind)
    if request.method == "HEAD":  # the headers only; the file is not read
        file.close()
        response = HttpResponse(content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, name)
    else:
        response = FileResponse(file, as_attachment=True, filename=name, content_type=content_type)
    for header, value in SAFE_HEADERS.items():
        response[header] = value
    return response


def _download_name(filename: str, kind) -> str:
    name = clean_name(PurePath(filename.replace("\\", "/")).name) or "download"
    if kind is not None and PurePath(name).suffix.lower() not in kind.extensions:
        name += kind.extensions[0]
    return name
