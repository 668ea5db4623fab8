"""Uploads checked by what they contain, not by what they are called.

The file's real type is read from its first bytes (the ``filetype`` library, which
Wagtail's image library already uses) and must be on an allow-list: PDF, PNG, JPEG and
WebP by default, narrower per use (``types=("pdf",)``). SVG, HTML, scripts, executables,
archives and anything else are refused, as is a file whose name promises another type
than its content (an HTML page called ``evidence.pdf``). Images must open and decode
within Pillow's decompression-bomb limit. Files larger than ``UPLOAD_MAX_BYTES``
(setting, from the environment; default 10 MB) are refused before they are read.

Use ``UploadValidator()`` on a model or form field; ``check_upload(file)`` returns the
type it found.
"""

import warnings
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from PIL import Image

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
SNIFF_BYTES = 8192  # what filetype reads


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    mime: str
    extensions: tuple[str, ...]
    image: bool = False


FILE_TYPES = {
    "pdf": FileType("pdf", "PDF", "application/pdf", (".pdf",)),
    "png": FileType("png", "PNG", "image/png", (".png",), image=True),
    "jpeg": FileType("jpeg", "JPEG", "image/jpeg", (".jpg", ".jpeg"), image=True),
    "webp": FileType("webp", "WebP", "image/webp", (".webp",), image=True),
}
DEFAULT_TYPES = ("pdf", "png", "jpeg", "webp")


def max_upload_bytes() -> int:
    return getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def sniff(file) -> FileType | None:
    """The allow-listed type the file's first bytes show, or None (unknown or not
    allowed anywhere). Leaves the file at its start."""
    kind = filetype.guess(_head(file))
    if kind is None:
        return None
    return next((t for t in FILE_TYPES.values() if t.mime == kind.mime), None)


def check_upload(file, *, types=DEFAULT_TYPES, max_bytes: int | None = None) -> FileType:
    """Refuse the file unless its content is one of ``types``, its name's extension
    agrees with the content, it is not empty and not larger than ``max_bytes`` (default
    ``UPLOAD_MAX_BYTES``), and an image decodes. Returns the type found."""
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    size = _size(file)
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; files may be at most %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    allowed = [FILE_TYPES[key] for key in types]
    found = sniff(file)
    if found is None or found not in allowed:
        raise ValidationError(
            _("Only %(types)s files can be uploaded, and this file's content is not one of them."),
            code="file_type_not_allowed",
            params={"types": get_text_list([t.label for t in allowed], _("or"))},
        )
    extension = PurePath(getattr(file, "name", "") or "").suffix.lower()
    if extension not in found.extensions:
        raise ValidationError(
            _(
                "The file's name ends in “%(extension)s” but its content is %(type)s. "
                "Choose the right file or give it the right name."
            ),
            code="file_type_mismatch",
            params={"extension": extension or _("nothing"), "type": found.label},
        )
    if found.image:
        _check_image(file)
    return found


@deconstructible
class UploadValidator:
    """Field validator: ``FileField(validators=[UploadValidator(types=("pdf",))])``."""

    def __init__(self, types=DEFAULT_TYPES, max_bytes: int | None = None):
        unknown = set(types) - set(FILE_TYPES)
        if unknown:
            raise ValueError(f"Unknown upload types: {sorted(unknown)}")
        self.types = tuple(types)
        self.max_bytes = max_bytes

    def __call__(self, file) -> None:
        check_upload(file, types=self.types, max_bytes=self.max_bytes)

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, UploadValidator)
            and self.types == other.types
            and self.max_bytes == other.max_bytes
        )


def _size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    return size


def _head(file) -> bytes:
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    return head if isinstance(head, bytes) else head.encode()


def _check_image(file) -> None:
    """The image must open and decode; a decompression bomb is refused."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            file.seek(0)
            with Image.open(file) as image:
                image.verify()
            file.seek(0)
            with Image.open(file) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, OSError, ValueError):
        raise ValidationError(
            _("The image could not be read. Choose another file."), code="image_unreadable"
        ) from None
    finally:
        file.seek(0)
