""" "My requests" (/track/mine/): the one-time code cannot be guessed by coming back from
new addresses, no code is issued past the number's SMS cap, and the code goes out only
after the response (its time tells nothing about the number)."""

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import Client, RequestFactory

from cms import sms
from services.desk import mine

from .test_mine import MOBILE, code_from_outbox, submissions, without_tokens  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("submissions")]


def guesser(n):
    return Client(REMOTE_ADDR=f"10.9.0.{n + 1}")


def test_wrong_codes_for_one_number_are_bounded_whatever_the_address(settings, monkeypatch):
    settings.PORTAL_SMS_DESTINATION_LIMIT = (1000, 3600)  # the wrong codes' bound alone
    settings.DESK_MINE_NUMBER_WRONG_LIMIT = (6, 3600)
    for n in range(2):  # two addresses, three wrong codes each
        client = guesser(n)
        client.post("/track/mine/", {"mobile": MOBILE})
        for _ in range(3):
            assert client.post("/track/mine/code/", {"code": "000000"}).status_code == 200
    sent = len(sms.outbox)
    # The next address is issued no code, and even the right one (known here) fails.
    monkeypatch.setattr(mine.secrets, "randbelow", lambda _n: 123456)
    client = guesser(200)
    client.post("/track/mine/", {"mobile": MOBILE})
    assert len(sms.outbox) == sent
    response = client.post("/track/mine/code/", {"code": "123456"})
    assert response.status_code == 200
    assert "کدهای نادرست زیادی" in response.content.decode()
    assert client.get("/track/mine/list/").status_code == 302
    # Another number is not affected.
    other = guesser(201)
    other.post("/track/mine/", {"mobile": "09350000000"})
    response = other.post("/track/mine/code/", {"code": code_from_outbox()})
    assert response.status_code == 302 and response.url == "/track/mine/list/"


def test_past_the_sms_cap_no_code_is_issued_and_the_page_is_the_same(settings, monkeypatch):
    settings.PORTAL_SMS_DESTINATION_LIMIT = (2, 3600)
    for n in range(2):
        guesser(n).post("/track/mine/", {"mobile": MOBILE})
    monkeypatch.setattr(mine.secrets, "randbelow", lambda _n: 123456)
    capped, unknown = guesser(50), guesser(51)
    capped_page = capped.get(capped.post("/track/mine/", {"mobile": MOBILE}).url)
    unknown_page = unknown.get(unknown.post("/track/mine/", {"mobile": "09199999999"}).url)
    assert without_tokens(capped_page.content.decode()) == without_tokens(
        unknown_page.content.decode()
    )
    assert len(sms.outbox) == 2
    response = capped.post("/track/mine/code/", {"code": "123456"})
    assert response.status_code == 200
    assert capped.get("/track/mine/list/").status_code == 302


def test_the_code_is_sent_once_the_response_is_done():
    request = RequestFactory().post("/track/mine/", {"mobile": MOBILE})
    SessionMiddleware(lambda r: None).process_request(request)
    response = mine.mine_lookup(request)
    assert response.status_code == 302 and sms.outbox == []
    response.close()  # what the server does after writing the response
    assert len(sms.outbox) == 1 and sms.outbox[0].to == MOBILE
