"""The example plugin's back office from its own staff's side (the attacker's side is
services/tests/test_backoffice_fence.py): they open their unit's ticket, download its
file and close it; each look is logged; a second close is refused in Persian."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.tests.testplugin.factories import TicketFactory, make_staff
from cms.tests.testplugin.models import Status, TicketChange, TicketFile, TicketViewLog
from cms.uploads import PDF
from sitepages.factories import make_units

pytestmark = pytest.mark.django_db

BASE = "/admin/testplugin/tickets"
PDF_BYTES = b"%PDF-1.4 a letter"


def test_staff_open_download_and_close_their_units_ticket(client, home_page):
    unit = make_units(home_page, ["welfare-office"])["welfare-office"]
    ticket = TicketFactory(unit=unit, text="درخواست گواهی")
    file = TicketFile(ticket=ticket)
    file.store(SimpleUploadedFile("نامه.pdf", PDF_BYTES), PDF)
    staff = make_staff(unit, "staff")
    client.force_login(staff)

    page = client.get(f"{BASE}/inspect/{ticket.pk}/")
    body = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "درخواست گواهی" in body and f"{BASE}/download/{ticket.pk}/{file.pk}/" in body
    download = client.get(f"{BASE}/download/{ticket.pk}/{file.pk}/")
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert set(TicketViewLog.objects.values_list("action", "user")) == {
        ("inspect", staff.pk),
        ("download", staff.pk),
    }

    closed = client.post(f"{BASE}/close/{ticket.pk}/", follow=True)
    assert "درخواست بسته شد." in closed.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    change = TicketChange.objects.get()
    assert (change.actor, change.user) == ("staff", staff)
    again = client.post(f"{BASE}/close/{ticket.pk}/", follow=True)
    assert "نمی‌توان" in again.content.decode()
    assert TicketChange.objects.count() == 1
