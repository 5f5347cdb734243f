import contextlib
import io
import json
import os
import stat
import tarfile
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from pyrage import x25519

from cms.backup import BackupError, create_backup, open_archive, restore_backup
from cms.backup.retention import archives, mark_verified, prune
from cms.tests.testplugin.factories import TicketFactory
from cms.tests.testplugin.models import Ticket, TicketFile
from cms.uploads import PDF, private_storage
from sitepages.factories import ImageFactory, make_units

pytestmark = pytest.mark.django_db


PDF_BYTES = b"%PDF-1.4 scanned letter"


@pytest.fixture
def submissions(home_page):
    """Two tickets of the example plugin (cms/tests/testplugin), the first with a file
    in the private storage; and an image in the public media."""
    unit = make_units(home_page, ["welfare-office"])["welfare-office"]
    first = TicketFactory(unit=unit, text="شکایت از تأخیر در پاسخ")
    TicketFile(ticket=first).store(SimpleUploadedFile("نامه.pdf", PDF_BYTES), PDF)
    second = TicketFactory(unit=unit, text="درخواست ملاقات")
    image = ImageFactory(title="نقشهٔ ساختمان")
    return first, second, image


@pytest.fixture
def age_key(settings):
    identity = x25519.Identity.generate()
    settings.BACKUP_ENCRYPTION_KEY = str(identity)
    return identity


def test_backup_archive_has_manifest_checksums_and_attachments(tmp_path, submissions):
    archive = tmp_path / "b.tar.gz"
    manifest = create_backup(archive)
    datasets = {d["model"]: d for d in manifest["datasets"]}
    assert datasets["testplugin.Ticket"]["rows"] == 2
    private_name = submissions[0].files.get().file.name
    assert datasets["testplugin.TicketFile"]["rows"] == 1
    assert datasets["testplugin.TicketFile"]["files"] == [f"files/private/{private_name}"]
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        stored = json.load(tar.extractfile("manifest.json"))
        data = tar.extractfile("data/testplugin.ticket.jsonl").read().decode()
        pages = tar.extractfile("data/wagtailcore.page.jsonl").read().decode()
        private_file = tar.extractfile(f"files/private/{private_name}").read()
    assert set(stored["members"]) | {"manifest.json"} == names
    assert f"files/media/{submissions[2].file.name}" in names  # public media travel too
    assert private_file == PDF_BYTES
    assert data.count("\n") == stored["tables"]["testplugin.ticket"]["rows"] == 2
    assert "شکایت از تأخیر در پاسخ" in data
    assert "دانشگاه علوم پزشکی اراک" in pages  # core content travels too
    assert stat.S_IMODE(os.stat(archive).st_mode) == 0o600


def test_restore_brings_back_rows_files_and_pages(tmp_path, submissions, settings):
    archive = tmp_path / "b.tar.gz"
    create_backup(archive)
    first, _second, image = submissions
    private_name = first.files.get().file.name
    image_name = image.file.name
    image_bytes = (settings.MEDIA_ROOT / image_name).read_bytes()
    # The service is terminated and its data removed, files and all...
    Ticket.objects.all().delete()
    private_storage().delete(private_name)
    assert not private_storage().exists(private_name)
    (settings.MEDIA_ROOT / image_name).unlink()

    report = restore_backup(archive)

    assert report.datasets["testplugin.Ticket"] == 2
    assert report.datasets["testplugin.TicketFile"] == 1
    restored = Ticket.objects.get(text="شکایت از تأخیر در پاسخ")
    assert (restored.pk, restored.code, restored.mobile) == (first.pk, first.code, first.mobile)
    # The private upload: the same row, name and bytes, in the private storage.
    restored_file = restored.files.get()
    assert (restored_file.file.name, restored_file.original_name) == (private_name, "نامه.pdf")
    with private_storage().open(private_name) as file:
        assert file.read() == PDF_BYTES
    assert (settings.MEDIA_ROOT / image_name).read_bytes() == image_bytes
    from sitepages.models import HomePage

    assert HomePage.objects.filter(title="پرتال دانشگاه علوم پزشکی اراک").exists()
    # New tickets after the restore get fresh identities.
    newer = TicketFactory(unit=restored.unit, text="پس از بازگردانی")
    assert newer.pk > restored.pk


@contextlib.contextmanager
def refused(fragment):
    """The code inside fails with a BackupError whose Persian and English message names
    ``fragment`` (in English)."""
    with pytest.raises(BackupError) as info:
        yield
    assert fragment in info.value.both()


def _rewrite(source, target, change):
    with tarfile.open(source) as src, tarfile.open(target, "w:gz") as dst:
        for member in src.getmembers():
            content = change(member.name, src.extractfile(member).read())
            if content is None:
                continue
            member.size = len(content)
            dst.addfile(member, io.BytesIO(content))


def test_a_tampered_archive_is_refused_before_the_database_is_touched(tmp_path, submissions):
    archive = tmp_path / "b.tar.gz"
    create_backup(archive)
    damaged = tmp_path / "damaged.tar.gz"

    def tamper(name, content):
        if name == "data/testplugin.ticket.jsonl":
            return content.replace("درخواست ملاقات".encode(), "دستکاری‌شده".encode())
        return content

    _rewrite(archive, damaged, tamper)
    Ticket.objects.all().delete()
    with refused("Checksum mismatch for data/testplugin"):
        restore_backup(damaged)
    assert Ticket.objects.count() == 0


def test_truncated_wrong_version_and_missing_member_archives_say_what_is_wrong(
    tmp_path, submissions
):
    archive = tmp_path / "b.tar.gz"
    create_backup(archive)
    Ticket.objects.all().delete()

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="truncated"):
        call_command("restore_portal", str(truncated), stdout=StringIO())

    older = tmp_path / "older.tar.gz"

    def old_format(name, content):
        if name == "manifest.json":
            manifest = json.loads(content)
            manifest["format"] = 1
            return json.dumps(manifest).encode()
        return content

    _rewrite(archive, older, old_format)
    with refused("format 1; this portal reads format 2"):
        restore_backup(older)

    lacking = tmp_path / "lacking.tar.gz"
    _rewrite(archive, lacking, lambda name, c: None if name.startswith("files/") else c)
    with refused("missing from the archive"):
        restore_backup(lacking)
    assert Ticket.objects.count() == 0


def test_restore_refuses_a_database_that_already_holds_users_data(tmp_path, submissions):
    archive = tmp_path / "b.tar.gz"
    create_backup(archive)
    TicketFactory(unit=submissions[0].unit, text="ثبت‌شده پس از پشتیبان")
    with pytest.raises(CommandError, match="already has rows"):
        call_command("restore_portal", str(archive), stdout=StringIO())
    assert Ticket.objects.count() == 3


def test_encrypted_archive_restores_only_with_its_key(tmp_path, submissions, settings, age_key):
    archive = tmp_path / "b.tar.gz.age"
    manifest = create_backup(archive)
    assert manifest["encrypted"]
    raw = archive.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1")
    assert "شکایت".encode() not in raw and b"manifest.json" not in raw

    Ticket.objects.all().delete()
    settings.BACKUP_ENCRYPTION_KEY = str(x25519.Identity.generate())
    with refused("does not open this archive"):
        restore_backup(archive)
    settings.BACKUP_ENCRYPTION_KEY = ""
    with refused("BACKUP_ENCRYPTION_KEY is not set"):
        restore_backup(archive)
    settings.BACKUP_ENCRYPTION_KEY = str(age_key)
    cut = tmp_path / "cut.tar.gz.age"
    cut.write_bytes(raw[:-100])
    with refused("truncated or was altered"):
        restore_backup(cut)
    assert Ticket.objects.count() == 0

    restore_backup(archive)
    assert Ticket.objects.count() == 2


def test_recipients_alone_encrypt_and_the_identity_decrypts(tmp_path, submissions, settings):
    identity = x25519.Identity.generate()
    settings.BACKUP_RECIPIENTS = [str(identity.to_public())]
    archive = tmp_path / "b.tar.gz.age"
    create_backup(archive)
    settings.BACKUP_RECIPIENTS = []
    settings.BACKUP_ENCRYPTION_KEY = str(identity)
    assert open_archive(archive, tmp_path)["tables"]["testplugin.ticket"]["rows"] == 2


def test_where_encryption_is_required_a_plain_backup_needs_unencrypted(
    tmp_path, submissions, settings
):
    settings.BACKUP_REQUIRE_ENCRYPTION = True
    folder = tmp_path / "backups"
    with pytest.raises(CommandError, match="--unencrypted"):
        call_command("backup_portal", "--output", str(folder / "x.tar.gz"), stdout=StringIO())
    assert not folder.exists() or list(folder.iterdir()) == []
    call_command(
        "backup_portal", "--output", str(folder / "x.tar.gz"), "--unencrypted", stdout=StringIO()
    )
    assert (folder / "x.tar.gz").is_file()


def test_a_failed_backup_leaves_nothing_under_the_final_name(tmp_path, submissions, monkeypatch):
    from cms.backup import dump

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dump, "_add_stream", disk_full)
    folder = tmp_path / "backups"
    with pytest.raises(OSError, match="No space"):
        create_backup(folder / "b.tar.gz")
    assert list(folder.iterdir()) == []


def test_backup_command_reports_each_dataset(tmp_path, submissions):
    out = StringIO()
    folder = tmp_path / "backups"
    call_command("backup_portal", "--output", str(folder / "x.tar.gz"), stdout=out)
    assert "testplugin.Ticket: 2 / 0" in out.getvalue()
    assert "testplugin.TicketFile: 1 / 1" in out.getvalue()
    assert "SHA-256 " in out.getvalue()
    assert [p.name for p in folder.iterdir()] == ["x.tar.gz"]


def test_keep_removes_older_archives_but_never_the_newest_verified(tmp_path, settings):
    settings.BACKUP_DIR = tmp_path
    made = []
    for age in range(5):
        path = tmp_path / f"portal-2026010{age}T000000Z.tar.gz"
        path.write_bytes(f"archive {age}".encode())
        os.utime(path, (1_700_000_000 + age, 1_700_000_000 + age))
        made.append(path)
    mark_verified(made[1], __import__("hashlib").sha256(b"archive 1").hexdigest())
    (tmp_path / "termination-LOAN-01.tar.gz").write_bytes(b"kept forever")

    removed = prune(tmp_path, 2)

    assert sorted(removed) == [made[0], made[2]]
    assert archives(tmp_path) == [made[4], made[3], made[1]]
    assert (tmp_path / "termination-LOAN-01.tar.gz").exists()


@pytest.mark.slow
def test_backup_verify_drills_marks_and_keep_prunes_and_a_bad_archive_fails_the_drill(
    tmp_path, submissions, settings
):
    folder = tmp_path / "backups"
    folder.mkdir()
    older = folder / "portal-20250101T000000000000Z.tar.gz"
    older.write_bytes(b"an old archive")
    os.utime(older, (1_700_000_000, 1_700_000_000))
    out = StringIO()
    archive = folder / "portal-new.tar.gz"

    call_command("backup_portal", "--output", str(archive), "--verify", "--keep", "1", stdout=out)

    report = out.getvalue()
    assert "Drill passed." in report and "آزمون بازگردانی موفق بود." in report
    assert (folder / "portal-new.tar.gz.verified").is_file()
    assert not older.exists()

    damaged = tmp_path / "damaged.tar.gz"

    def tamper(name, content):
        if name.startswith("files/"):
            return b"%PDF-1.4 replaced"
        return content

    _rewrite(archive, damaged, tamper)
    out = StringIO()
    with pytest.raises(CommandError, match="the drill failed"):
        call_command("verify_backup", str(damaged), stdout=out)
    assert "Checksum mismatch for files/" in out.getvalue()
    assert "Drill FAILED." in out.getvalue()
    # The live database was not touched by either drill.
    assert Ticket.objects.count() == 2
