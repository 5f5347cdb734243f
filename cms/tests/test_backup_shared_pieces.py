"""A plugin's files kept with the shared PrivateUpload travel in the backup and come
back with the same name and content from the private storage."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.backup import create_backup, restore_backup
from cms.tests.testplugin.models import TestSubmission, TestUpload
from cms.uploads import PDF, private_storage

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.django_db


def test_private_uploads_are_backed_up_and_restored(tmp_path, home_page):
    submission = TestSubmission.objects.create(text="نامه با پیوست")
    upload = TestUpload(submission=submission)
    upload.store(SimpleUploadedFile("نامه.pdf", PDF_BYTES), PDF)
    name = upload.file.name

    archive = tmp_path / "b.tar.gz"
    manifest = create_backup(archive)
    dataset = next(d for d in manifest["datasets"] if d["model"] == "testplugin.TestUpload")
    assert dataset["rows"] == 1
    assert dataset["files"] == [f"files/private/{name}"]

    # The service's data is removed, files and all...
    TestSubmission.objects.all().delete()
    private_storage().delete(name)
    assert not private_storage().exists(name)

    report = restore_backup(archive)

    assert report.datasets["testplugin.TestUpload"] == 1
    restored = TestUpload.objects.get()
    assert restored.original_name == "نامه.pdf" and restored.file.name == name
    with private_storage().open(name) as file:
        assert file.read() == PDF_BYTES
