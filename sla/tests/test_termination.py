"""Terminating a service (SLA section 7): a verified backup first, then intake closes."""

import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from cms.backup.verify import DrillResult
from sla.models import Service, ServiceTermination

from .factories import ServiceFactory, make_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(home_page, units, settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    make_catalog(home_page)
    return ServiceFactory(
        code="DORM-01",
        title="اسکان در خوابگاه",
        responsible_unit=units["welfare-office"],
        start_url="https://dorm.example.ac.ir/",
    )


@pytest.fixture
def drill_result(monkeypatch):
    """The drill's answer without its child process, for tests of what happens after it."""
    result = DrillResult(ok=True, tables=1, rows=1, checks=[["desk 1", True]])
    monkeypatch.setattr("sla.termination.run_drill", lambda archive: result)
    return result


@pytest.mark.slow
def test_terminate_service_backs_up_verifies_then_closes_intake(client, service, settings):
    start_url = service.get_start_url()
    assert start_url and start_url in client.get("/services/DORM-01/").content.decode()
    get_user_model().objects.create_superuser("rector", "r@example.org", "pass")
    out = StringIO()

    call_command(
        "terminate_service", "dorm-۰۱", "--ended-on", "۱۴۰۵/۰۱/۱۵", "--user", "rector", stdout=out
    )

    record = ServiceTermination.objects.get(service=service)
    archive = Path(record.archive_path)
    assert archive.parent == settings.BACKUP_DIR and archive.name.startswith("termination-DORM-01-")
    assert record.archive_sha256 == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert record.terminated_by.username == "rector" and record.terminated_by_name == "rector"
    assert "Drill passed." in out.getvalue() and record.archive_sha256 in out.getvalue()
    service.refresh_from_db()
    assert not service.is_open and service.get_start_url() is None
    assert not Service.objects.open().filter(pk=service.pk).exists()

    card = client.get("/services/DORM-01/").content.decode()
    assert "این خدمت در تاریخ ۱۵ فروردین ۱۴۰۵ پایان یافت" in card
    assert record.archive_sha256 in card
    assert start_url not in card
    listing = client.get("/services/").content.decode()
    assert "این خدمت در تاریخ ۱۵ فروردین ۱۴۰۵ پایان یافت." in listing


def test_no_termination_when_the_drill_fails(service, monkeypatch):
    failed = DrillResult(ok=False, error="Checksum mismatch for data/desk.servicerequest.jsonl")
    monkeypatch.setattr("sla.termination.run_drill", lambda archive: failed)
    err = StringIO()
    with pytest.raises(CommandError, match="did not pass its restore drill"):
        call_command("terminate_service", "DORM-01", stdout=StringIO(), stderr=err)
    assert "Checksum mismatch" in err.getvalue()
    assert not ServiceTermination.objects.exists()
    service.refresh_from_db()
    assert service.is_open and service.get_start_url()


def test_bad_command_input_is_refused_in_persian_and_english(service):
    with pytest.raises(CommandError, match="No service with the code NOPE-1"):
        call_command("terminate_service", "NOPE-1", stdout=StringIO())
    with pytest.raises(CommandError, match="تاریخ شمسی"):
        call_command("terminate_service", "DORM-01", "--ended-on", "1405/13/40", stdout=StringIO())
    assert not ServiceTermination.objects.exists()


def test_a_service_is_terminated_once(service, drill_result):
    call_command("terminate_service", "DORM-01", stdout=StringIO())
    with pytest.raises(CommandError, match="already been terminated"):
        call_command("terminate_service", "DORM-01", stdout=StringIO())
    assert ServiceTermination.objects.count() == 1


def test_republishing_a_terminated_service_does_not_reopen_it(service, drill_result):
    call_command("terminate_service", "DORM-01", stdout=StringIO())
    service.refresh_from_db()
    service.is_open = True
    service.save_revision().publish()
    service.refresh_from_db()
    assert service.is_open and service.get_start_url() is None
    assert not Service.objects.open().filter(pk=service.pk).exists()


def test_admin_action_is_for_superusers_and_records_who(client, service, drill_result):
    url = f"/admin/sla_termination/terminate/{service.pk}/"
    editor = get_user_model().objects.create_user("editor", password="pass", is_staff=True)
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"confirm": "on"}).status_code in (302, 403)
    assert not ServiceTermination.objects.exists()

    admin = get_user_model().objects.create_superuser("rector", "r@example.org", "pass")
    client.force_login(admin)
    listing = client.get("/admin/snippets/sla/service/").content.decode()
    assert url in listing
    page = client.get(url)
    assert page.status_code == 200
    assert "نخست از کل پرتال پشتیبان گرفته می‌شود" in page.content.decode()
    bad = client.post(url, {"ended_on": "فردا", "confirm": "on"})
    assert "تاریخ شمسی را مانند" in bad.content.decode()
    assert not ServiceTermination.objects.exists()

    done = client.post(url, {"ended_on": "1405/01/15", "confirm": "on"})
    assert done.status_code == 302
    record = ServiceTermination.objects.get(service=service)
    assert record.terminated_by == admin
    records = client.get(done.url).content.decode()
    assert record.archive_sha256 in records and record.archive_path in records
    assert url not in client.get("/admin/snippets/sla/service/").content.decode()
