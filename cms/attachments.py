"""Files people send with a request, an application or a message: one model shape and
one all-or-nothing helper for every plugin.

A plugin's attachment model inherits :class:`PrivateUpload` and adds what ties the file
to its own records (a foreign key, who sent it)::

    class ChatFile(PrivateUpload):
        upload_folder = "chat"
        conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE)

Files are checked by :mod:`cms.uploads` (the form field), stored under generated names in
the private storage and given back only as downloads. A database rollback does not take
files back, so code that saves rows and files together runs in
:func:`atomic_with_files`::

    def operation(stored):
        message = Message.objects.create(...)
        for upload, kind in files:
            ChatFile(conversation=..., ).store(upload, kind, stored=stored)
        return message

    message = atomic_with_files(operation)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .uploads import KINDS, FileKind, generated_name, private_storage, safe_download_name, sha256_of

logger = logging.getLogger(__name__)

T = TypeVar("T")


def private_upload_to(instance: PrivateUpload, filename: str) -> str:
    """``<upload_folder>/2024/05/<random>.pdf``: nothing of the person's file name
    reaches the disk, and the extension is that of the kind the content was found to be."""
    return generated_name(instance.upload_folder, KINDS[instance.kind].extension)


class PrivateUpload(models.Model):
    """A checked file kept in the private storage (never served by the web server)."""

    # The folder under PRIVATE_MEDIA_ROOT: one per plugin.
    upload_folder = "uploads"

    file = models.FileField(
        _("file"), storage=private_storage, upload_to=private_upload_to, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=8, choices=[(key, kind.label) for key, kind in KINDS.items()]
    )
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    @property
    def content_type(self) -> str:
        return KINDS[self.kind].content_type

    @property
    def download_name(self) -> str:
        """The name the download is offered under: the person's name, made safe."""
        return safe_download_name(self.original_name, KINDS[self.kind].extension)

    @property
    def size_display(self) -> str:
        return filesizeformat(self.size)

    def store(self, upload, kind: FileKind, *, stored: list[str] | None = None) -> None:
        """Writes ``upload`` (checked as ``kind`` by :func:`cms.uploads.validate_upload`) to the
        private storage and saves the row; the stored name is appended to ``stored``
        (from :func:`atomic_with_files`) before the row is saved, so a failure removes it."""
        self.original_name = (upload.name or "")[:255]
        self.kind = kind.key
        self.size = upload.size
        self.sha256 = sha256_of(upload)
        self.file.save(upload.name, upload, save=False)
        if stored is not None:
            stored.append(self.file.name)
        self.save()


def delete_files(names: Iterable[str]) -> None:
    """Removes files from the private storage; one that cannot be removed is logged and
    the others are still removed."""
    storage = private_storage()
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not remove the orphan file %s", name)


def atomic_with_files(operation: Callable[[list[str]], T]) -> T:
    """Runs ``operation(stored)`` in a transaction; on any failure removes the files whose
    names it appended to ``stored``, so neither rows nor files are left half-written."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            return operation(stored)
    except BaseException:
        delete_files(stored)
        raise
