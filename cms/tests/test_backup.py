import io
import json
import tarfile
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from cms.backup import BackupError, create_backup, restore_backup
from cms.tests.testplugin.models import TestSubmission

pytestmark = pytest.mark.django_db


@pytest.fixture
def submissions(home_page):
    first = TestSubmission(text="شکایت از تأخیر در پاسخ")
    first.attachment.save("scan.pdf", ContentFile(b"%PDF-1.4 scanned letter"), save=True)
    second = TestSubmission.objects.create(text="درخواست ملاقات")
    return first, second


def test_backup_archive_has_manifest_checksums_and_attachments(tmp_path, submissions):
    archive = tmp_path / "b.tar.gz"
    manifest = create_backup(archive)
    dataset = next(d for d in manifest["datasets"] if d["model"] == "testplugin.TestSubmission")
    assert dataset["rows"] == 2
    assert dataset["files"] == [f"files/media/{submissions[0].attachment.name}"]
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        stored = json.load(tar.extractfile("manifest.json"))
        data = tar.extractfile("data/portal.json").read().decode()
    assert set(stored["members"]) | {"manifest.json"} == names
    assert "شکایت از تأخیر در پاسخ" in data
    assert "دانشگاه علوم پزشکی اراک" in data  # core content travels too


def test_restore_brings_back_rows_files_and_pages(tmp_path, submissions, settings):
    archive = tmp_path / "b.tar.gz"
    create_backup(archive)
    attachment_name = submissions[0].attachment.name
    # The service is terminated and its data removed...
    TestSubmission.objects.all().delete()
    (settings.MEDIA_ROOT / attachment_name).unlink()

    report = restore_backup(archive)

    assert report.datasets["testplugin.TestSubmission"] == 2
    restored = TestSubmission.objects.get(text="شکایت از تأخیر در پاسخ")
    assert restored.attachment.name == attachment_name
    assert restored.attachment.read() == b"%PDF-1.4 scanned letter"
    from sitepages.models import HomePage

    assert HomePage.objects.filter(title="پرتال دانشگاه علوم پزشکی اراک").exists()
    # New submissions after the restore get fresh identities.
    newer = TestSubmission.objects.create(text="پس از بازگردانی")
    assert newer.pk > restored.pk


def test_a_damaged_archive_is_refused_before_the_database_is_touched(tmp_path, submissions):
    archive = tmp_path / "b.tar.gz"
    create_backup(archive)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            content = src.extractfile(member).read()
            if member.name == "data/portal.json":
                content = content.replace("درخواست ملاقات".encode(), "دستکاری‌شده".encode())
                member.size = len(content)
            dst.addfile(member, io.BytesIO(content))
    TestSubmission.objects.all().delete()
    with pytest.raises(BackupError, match="Checksum mismatch"):
        restore_backup(damaged)
    assert TestSubmission.objects.count() == 0


def test_restore_refuses_a_database_that_already_holds_users_data(tmp_path, submissions):
    archive = tmp_path / "b.tar.gz"
    create_backup(archive)
    with pytest.raises(CommandError, match="already has rows"):
        call_command("restore_portal", str(archive), stdout=StringIO())
    assert TestSubmission.objects.count() == 2


def test_backup_command_reports_each_dataset(tmp_path, submissions):
    out = StringIO()
    call_command("backup_portal", "--output", str(tmp_path / "x.tar.gz"), stdout=out)
    assert "testplugin.TestSubmission: 2 rows, 1 files" in out.getvalue()
    assert (tmp_path / "x.tar.gz").is_file()
    assert not (tmp_path / "x.tar.gz.partial").exists()
