"""The shared shape of a citizen's POST on a tracked page (cms.views.tracked_post),
through the test plugin: bad input keeps what was typed (400), a move the table refuses
is a Persian message and changes nothing, a good one is done once."""

import pytest

from cms.tests.testplugin.models import TestTicket, TestTicketChange


@pytest.fixture
def ticket(db):
    return TestTicket.objects.create()


def test_bad_input_is_400_with_the_errors_and_what_was_typed(client, ticket):
    response = client.post(f"/testplugin/tickets/{ticket.pk}/drop/", {"note": "x" * 25})
    body = response.content.decode()
    assert response.status_code == 400
    assert "مشکلی وجود دارد" in body
    assert "x" * 25 in body
    ticket.refresh_from_db()
    assert ticket.status == "new" and not TestTicketChange.objects.exists()


def test_a_good_post_moves_once_and_a_second_is_refused_in_persian(client, ticket):
    url = f"/testplugin/tickets/{ticket.pk}/drop/"
    first = client.post(url, {"note": "دیگر لازم نیست"}, follow=True)
    assert first.redirect_chain == [(f"/testplugin/tickets/{ticket.pk}/", 302)]
    assert "لغو شد" in first.content.decode()

    second = client.post(url, {"note": "دوباره"}, follow=True)
    assert "نمی‌توان" in second.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == "dropped"
    assert list(TestTicketChange.objects.values_list("note", "actor")) == [
        ("دیگر لازم نیست", "citizen")
    ]


def test_an_unknown_ticket_is_404_not_500(client, db):
    assert client.post("/testplugin/tickets/999/drop/", {"note": "x"}).status_code == 404
