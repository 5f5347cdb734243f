"""The shared private-upload model and the all-or-nothing helper: a failure after some
files were written leaves neither rows nor files behind."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from cms.attachments import atomic_with_files, delete_files
from cms.tests.testplugin.factories import TicketFactory
from cms.tests.testplugin.models import TicketFile
from cms.uploads import PDF, PNG, private_storage

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def ticket(units):
    return TicketFactory(unit=units["welfare-office"])


def stored_files(settings) -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.django_db
def test_a_stored_upload_keeps_nothing_of_the_name_on_disk_and_offers_it_safely(settings, ticket):
    upload = TicketFile(ticket=ticket)
    upload.store(SimpleUploadedFile('نامه "مهم".pdf', PDF_BYTES), PDF)

    upload.refresh_from_db()
    assert upload.file.name.startswith("testplugin/")
    assert upload.file.name.endswith(".pdf")
    assert "نامه" not in upload.file.name
    assert upload.original_name == 'نامه "مهم".pdf'
    assert upload.size == len(PDF_BYTES)
    assert len(upload.sha256) == 64
    assert upload.content_type == "application/pdf"
    assert "/" not in upload.download_name and '"' not in upload.download_name
    assert upload.download_name.endswith(".pdf")
    assert str(upload) == upload.original_name
    assert [path.read_bytes() for path in stored_files(settings)] == [PDF_BYTES]


@pytest.mark.django_db
def test_a_failure_after_two_files_leaves_no_row_and_no_file(settings, ticket):

    def operation(stored):
        TicketFile(ticket=ticket).store(SimpleUploadedFile("a.pdf", PDF_BYTES), PDF, stored=stored)
        TicketFile(ticket=ticket).store(SimpleUploadedFile("b.png", PNG_BYTES), PNG, stored=stored)
        raise IntegrityError("the third row failed")

    with pytest.raises(IntegrityError):
        atomic_with_files(operation)

    assert not TicketFile.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_a_success_keeps_rows_and_files_and_returns_the_result(settings, ticket):

    def operation(stored):
        TicketFile(ticket=ticket).store(SimpleUploadedFile("a.pdf", PDF_BYTES), PDF, stored=stored)
        return "done"

    assert atomic_with_files(operation) == "done"
    assert TicketFile.objects.count() == 1
    assert len(stored_files(settings)) == 1


def test_delete_files_goes_on_past_a_file_it_cannot_remove(settings, monkeypatch, caplog):
    storage = private_storage()
    first = storage.save("testplugin/a.pdf", SimpleUploadedFile("a.pdf", PDF_BYTES))
    second = storage.save("testplugin/b.pdf", SimpleUploadedFile("b.pdf", PDF_BYTES))
    real_delete = type(storage).delete

    def failing_delete(self, name):
        if name == first:
            raise PermissionError("read-only")
        return real_delete(self, name)

    monkeypatch.setattr(type(storage), "delete", failing_delete)
    delete_files([first, second])

    assert storage.exists(first)
    assert not storage.exists(second)
    assert "Could not remove the orphan file" in caplog.text
