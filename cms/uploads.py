"""Files that citizens and students send: checked by content, stored privately.

What a person uploads is personal data and may be hostile. So:

* the kind is read from the file's first bytes (and, for DOCX, from the ZIP's table of
  contents), never from its name or the browser's ``Content-Type``; only PDF, JPEG, PNG
  and DOCX pass;
* sizes and counts are limited (``PORTAL_UPLOAD_MAX_SIZE``, ``PORTAL_UPLOAD_MAX_FILES``,
  ``PORTAL_UPLOAD_MAX_TOTAL_SIZE``), and the limits are shown on the forms;
* files are stored under generated names in :class:`PrivateStorage`, rooted at
  ``settings.PRIVATE_MEDIA_ROOT`` (never served by the web server);
* they go back to people only through :func:`attachment_response`: always a download
  (``Content-Disposition: attachment``), with ``X-Content-Type-Options: nosniff``.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext

from .i18n import is_persian, list_separator
from .text import to_persian_digits

MB = 1024 * 1024
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|]')


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    extension: str
    content_type: str


PDF = FileKind("pdf", "PDF", "pdf", "application/pdf")
JPEG = FileKind("jpeg", "JPEG", "jpg", "image/jpeg")
PNG = FileKind("png", "PNG", "png", "image/png")
DOCX = FileKind(
    "docx",
    "DOCX",
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
KINDS = {kind.key: kind for kind in (PDF, JPEG, PNG, DOCX)}

# Where a Word document's main part is declared; a macro-enabled document (.docm)
# declares another content type and is refused.
_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# A ZIP bomb has a tiny compressed size and a huge uncompressed one.
_DOCX_MAX_UNCOMPRESSED = 100 * MB


def max_file_size() -> int:
    return getattr(settings, "PORTAL_UPLOAD_MAX_SIZE", 5 * MB)


def max_files() -> int:
    return getattr(settings, "PORTAL_UPLOAD_MAX_FILES", 5)


def max_total_size() -> int:
    return getattr(settings, "PORTAL_UPLOAD_MAX_TOTAL_SIZE", 15 * MB)


def _read_head(file, size=16) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _is_docx(file) -> bool:
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                return False
            if "word/vbaProject.bin" in names:
                return False
            if sum(info.file_size for info in archive.infolist()) > _DOCX_MAX_UNCOMPRESSED:
                return False
            content_types = archive.read("[Content_Types].xml")
            return _DOCX_MAIN in content_types
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False
    finally:
        file.seek(0)


def detect_kind(file) -> FileKind | None:
    """The kind of ``file`` judged by its content, or ``None`` if it is none we accept."""
    head = _read_head(file)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04") and _is_docx(file):
        return DOCX
    return None


def size_label(size: int) -> str:
    """A file size as people read it: «۵٫۰ مگابایت» on Persian pages, "5.0 MB" on English ones."""
    if size >= MB:
        text, template = f"{size / MB:.1f}", pgettext("file size", "%(size)s MB")
    elif size >= 1024:
        text, template = f"{size / 1024:.1f}", pgettext("file size", "%(size)s KB")
    else:
        text, template = str(size), pgettext("file size", "%(size)s bytes")
    if is_persian():
        text = to_persian_digits(text.replace(".", "٫"))
    return template % {"size": text}


def allowed_kinds_label() -> str:
    """The file types as a list in the current language: «PDF، JPEG» or "PDF, JPEG"."""
    separator = list_separator()
    return separator.join(kind.label for kind in KINDS.values())


def limits_help_text() -> str:
    """What the form tells people about attachments, in the current language."""
    text = _(
        "Up to %(count)s files (%(kinds)s), each at most %(size)s, together at most %(total)s."
    ) % {
        "count": max_files(),
        "kinds": allowed_kinds_label(),
        "size": size_label(max_file_size()),
        "total": size_label(max_total_size()),
    }
    if is_persian():
        return to_persian_digits(text)
    return str(text)


def validate_upload(file) -> FileKind:
    """Checks one uploaded file; returns its kind or raises a ValidationError."""
    name = os.path.basename(getattr(file, "name", "") or "")
    if file.size > max_file_size():
        raise ValidationError(
            _("“%(name)s” is %(size)s; a file may be at most %(max)s."),
            code="file_too_large",
            params={
                "name": name,
                "size": size_label(file.size),
                "max": size_label(max_file_size()),
            },
        )
    if file.size == 0:
        raise ValidationError(_("“%(name)s” is empty."), code="file_empty", params={"name": name})
    kind = detect_kind(file)
    if kind is None:
        raise ValidationError(
            _(
                "“%(name)s” is not a PDF, JPEG, PNG or Word (DOCX) file, whatever its name "
                "says. Please send one of these kinds."
            ),
            code="file_kind",
            params={"name": name},
        )
    return kind


def validate_uploads(files) -> list[tuple[object, FileKind]]:
    """Checks a list of files together: count, total size and each file."""
    files = [f for f in files if f]
    if len(files) > max_files():
        raise ValidationError(
            ngettext_lazy("Send at most %(max)d file.", "Send at most %(max)d files.", "max"),
            code="too_many_files",
            params={"max": max_files()},
        )
    if sum(f.size for f in files) > max_total_size():
        raise ValidationError(
            _("The files together may be at most %(max)s."),
            code="files_too_large",
            params={"max": size_label(max_total_size())},
        )
    errors, checked = [], []
    for file in files:
        try:
            checked.append((file, validate_upload(file)))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return checked


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several attachments in one input, checked by content; cleans to a list of
    ``(file, FileKind)``."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachments"))
        super().__init__(**kwargs)
        accept = ".pdf,.jpg,.jpeg,.png,.docx," + ",".join(k.content_type for k in KINDS.values())
        self.widget.attrs.setdefault("accept", accept)

    def clean(self, data, initial=None):
        if data is None:
            data = []
        elif not isinstance(data, list | tuple):
            data = [data]
        files = [super(AttachmentsField, self).clean(item, initial) for item in data if item]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return validate_uploads(files)

    def bound_data(self, data, initial):
        return initial

    def has_changed(self, initial, data):
        return bool(data)


class PrivateStorage(FileSystemStorage):
    """Users' files, under ``settings.PRIVATE_MEDIA_ROOT``, never at a public URL.

    The root is read from the settings each time, so tests that point it elsewhere
    (and deployments that set it by environment) are followed.
    """

    def __init__(self, **kwargs):
        kwargs.pop("location", None)
        super().__init__(base_url=None, **kwargs)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @cached_property
    def file_permissions_mode(self):
        return 0o640

    @cached_property
    def directory_permissions_mode(self):
        return 0o750

    def url(self, name):
        raise ValueError("Private files have no public URL; use attachment_response().")


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage for users' files (a callable, so migrations do not freeze a path)."""
    return _private_storage


def generated_name(prefix: str, extension: str) -> str:
    """``prefix/2024/05/<32 random hex>.ext``: nothing of the person's file name."""
    now = timezone.now()
    return f"{prefix}/{now:%Y/%m}/{secrets.token_hex(16)}.{extension}"


def sha256_of(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(64 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def safe_download_name(name: str, extension: str) -> str:
    """A name for the download: the person's own name, tidied, with the real extension."""
    stem = os.path.splitext(os.path.basename(name or ""))[0]
    # Persian names are kept (FileResponse encodes them for the header); control and
    # path characters go.
    stem = _UNSAFE_NAME.sub("", stem).strip()[:80] or "attachment"
    return f"{stem}.{extension}"


def attachment_response(file, download_name: str, content_type: str) -> FileResponse:
    """Sends a stored file as a download that the browser will not render or sniff."""
    response = FileResponse(
        file.open("rb") if hasattr(file, "open") else file,
        as_attachment=True,
        filename=download_name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-store, private"
    return response
