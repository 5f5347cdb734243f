"""The example plugin's public side (cms/tests/testplugin, README's "Writing a plugin"):
its form sends a ticket with a private file and opens it in the session; the ticket is
found again only with its code and mobile; the shared tracked POST (cms.views) keeps
what was typed on bad input (400), and a move the table refuses is a Persian message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.formatting import tracking_code
from cms.tests.testplugin.factories import TicketFactory
from cms.tests.testplugin.models import Status, Ticket, TicketChange

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MOBILE = "09121234567"


@pytest.fixture
def unit(units):
    return units["welfare-office"]


@pytest.fixture
def ticket(client, unit):
    ticket = TicketFactory(unit=unit, mobile=MOBILE)
    client.post("/testplugin/lookup/", {"code": ticket.code, "mobile": MOBILE})
    return ticket


def test_the_form_sends_a_ticket_with_its_file_and_opens_it(client, unit):
    upload = SimpleUploadedFile("نامه.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(
        "/testplugin/",
        {"unit": unit.pk, "text": "درخواست گواهی", "mobile": "۰۹۱۲۱۲۳۴۵۶۷", "files": [upload]},
        follow=True,
    )
    ticket = Ticket.objects.get()
    assert response.redirect_chain == [("/testplugin/ticket/", 302)]
    body = response.content.decode()
    assert tracking_code(ticket.code) in body  # grouped, in Persian digits
    assert ticket.mobile == MOBILE and ticket.status == Status.NEW
    assert ticket.files.get().file.read() == PDF_BYTES


def test_a_bad_form_is_400_in_persian_with_what_was_typed(client, unit):
    response = client.post("/testplugin/", {"unit": unit.pk, "text": "متن من", "mobile": "12"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "مشکلی وجود دارد" in body and "متن من" in body
    assert not Ticket.objects.exists()


def test_a_ticket_opens_only_with_its_code_and_mobile(client, unit):
    ticket = TicketFactory(unit=unit, mobile=MOBILE)
    wrong = client.post("/testplugin/lookup/", {"code": ticket.code, "mobile": "09120000000"})
    assert wrong.status_code == 400
    assert "هیچ درخواستی با این کد رهگیری و شمارهٔ همراه نیست" in wrong.content.decode()
    assert client.get("/testplugin/ticket/")["Location"] == "/testplugin/"
    assert client.post("/testplugin/ticket/withdraw/", {"note": "x"}).status_code == 403
    right = client.post("/testplugin/lookup/", {"code": ticket.code, "mobile": MOBILE})
    assert right["Location"] == "/testplugin/ticket/"
    assert tracking_code(ticket.code) in client.get("/testplugin/ticket/").content.decode()


def test_bad_input_is_400_with_the_errors_and_what_was_typed(client, ticket):
    response = client.post("/testplugin/ticket/withdraw/", {"note": "x" * 201})
    body = response.content.decode()
    assert response.status_code == 400
    assert "مشکلی وجود دارد" in body
    assert "x" * 201 in body
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW and not TicketChange.objects.exists()


def test_a_good_post_moves_once_and_a_second_is_refused_in_persian(client, ticket):
    url = "/testplugin/ticket/withdraw/"
    first = client.post(url, {"note": "دیگر لازم نیست"}, follow=True)
    assert first.redirect_chain == [("/testplugin/ticket/", 302)]
    assert "درخواست شما پس گرفته شد" in first.content.decode()

    second = client.post(url, {"note": "دوباره"}, follow=True)
    assert "نمی‌توان" in second.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == Status.WITHDRAWN
    assert list(TicketChange.objects.values_list("note", "actor")) == [
        ("دیگر لازم نیست", "citizen")
    ]
