""" "My requests" (/track/mine/): a one-time code by SMS, then every submission made with
the number, each opening as with its tracking code; no enumeration, throttled."""

import re

import pytest

from cms import sms
from cms.plugins import registry
from services.loans.tests.factories import LoanApplicationFactory

from .factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db

MOBILE = "09121234567"


def code_from_outbox():
    digits = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
    return re.search(r"\d{6}", sms.outbox[-1].body.translate(digits)).group()


@pytest.fixture
def submissions(units):
    return {
        "request": ServiceRequestFactory(
            unit=units["welfare-office"], mobile=MOBILE, subject="درخواست خوابگاه"
        ),
        "other": ServiceRequestFactory(
            unit=units["it-statistics"], mobile="09350000000", subject="درخواست دیگری"
        ),
        "loan": LoanApplicationFactory(mobile=MOBILE),
    }


def without_tokens(page):
    """The page less the number typed, the CSRF token and the CSP nonce."""
    return re.sub(r'0\d{10}|[۰-۹]{11}|csrfmiddlewaretoken" value="[^"]+|nonce="[^"]+', "", page)


def ask(client, mobile=MOBILE):
    return client.post("/track/mine/", {"mobile": mobile})


def test_the_code_opens_every_desk_request_and_loan_of_the_number(client, submissions):
    assert ask(client, "۰۹۱۲۱۲۳۴۵۶۷").status_code == 302  # Persian digits accepted
    assert len(sms.outbox) == 1 and sms.outbox[0].to == MOBILE
    response = client.post("/track/mine/code/", {"code": code_from_outbox()})
    assert response.status_code == 302 and response.url.endswith("/track/mine/list/")
    page = client.get("/track/mine/list/").content.decode()
    assert "درخواست خوابگاه" in page
    assert "درخواست دیگری" not in page  # another number's request
    assert submissions["loan"].loan_type.name in page
    # Opening the desk request: the same follow-up page as its tracking code opens.
    opened = client.post("/track/mine/open/", {"plugin": "desk", "ref": submissions["request"].pk})
    assert opened.url.endswith("/track/request/")
    assert "درخواست خوابگاه" in client.get("/track/request/").content.decode()
    opened = client.post("/track/mine/open/", {"plugin": "loans", "ref": submissions["loan"].pk})
    assert opened.url.endswith("/loans/track/application/")
    assert client.get("/loans/track/application/").status_code == 200


def test_another_numbers_submission_cannot_be_opened(client, submissions):
    ask(client)
    client.post("/track/mine/code/", {"code": code_from_outbox()})
    other = submissions["other"]
    for data in (
        {"plugin": "desk", "ref": other.pk},
        {"plugin": "desk", "ref": "abc"},
        {"plugin": "nothing", "ref": "1"},
        {},
    ):
        assert client.post("/track/mine/open/", data).status_code == 404
    assert client.get("/track/request/").status_code == 302  # nothing was opened


def test_without_the_code_nothing_is_listed_or_opened(client, submissions):
    ask(client)
    assert client.get("/track/mine/list/").status_code == 302
    response = client.post(
        "/track/mine/open/", {"plugin": "desk", "ref": submissions["request"].pk}
    )
    assert response.status_code == 302 and response.url.endswith("/track/mine/")


def test_three_wrong_codes_void_the_code(client, submissions):
    ask(client)
    right = code_from_outbox()
    wrong = "000000" if right != "000000" else "111111"
    first = client.post("/track/mine/code/", {"code": wrong}).content.decode()
    assert "۲ بار دیگر" in first and 'id="id_code_error"' in first
    client.post("/track/mine/code/", {"code": wrong})
    third = client.post("/track/mine/code/", {"code": wrong}).content.decode()
    assert "کد تازه" in third
    # Even the right code no longer works: a new one must be asked for.
    response = client.post("/track/mine/code/", {"code": right})
    assert response.status_code == 302 and response.url.endswith("/track/mine/")
    assert client.get("/track/mine/list/").status_code == 302


def test_an_expired_code_is_refused(client, submissions, monkeypatch):
    import time

    ask(client)
    code = code_from_outbox()
    later = time.time() + 5 * 60 + 1
    monkeypatch.setattr("services.desk.mine.time.time", lambda: later)
    page = client.post("/track/mine/code/", {"code": code}).content.decode()
    assert "منقضی" in page


def test_the_same_answer_whether_or_not_the_number_has_requests(client, submissions):
    known = ask(client)
    known_page = client.get(known.url).content.decode()
    client.cookies.clear()
    unknown = ask(client, "09199999999")
    unknown_page = client.get(unknown.url).content.decode()
    assert known.status_code == unknown.status_code == 302 and known.url == unknown.url
    assert without_tokens(known_page) == without_tokens(unknown_page)
    assert len(sms.outbox) == 1  # only the number with requests got a text


def test_code_requests_are_throttled_per_address(client, submissions, settings):
    settings.DESK_MINE_CODE_LIMIT = (2, 3600)
    assert ask(client).status_code == 302
    assert ask(client, "09350000000").status_code == 302
    assert ask(client).status_code == 429


def test_codes_to_one_number_are_capped_whatever_the_address(client, submissions, settings):
    settings.PORTAL_SMS_DESTINATION_LIMIT = (2, 3600)
    for n in range(4):
        client.post("/track/mine/", {"mobile": MOBILE}, REMOTE_ADDR=f"10.0.0.{n}")
    assert len(sms.outbox) == 2


def test_code_attempts_are_throttled_per_address(client, submissions, settings):
    settings.DESK_MINE_VERIFY_LIMIT = (2, 600)
    ask(client)
    client.post("/track/mine/code/", {"code": "000001"})
    client.post("/track/mine/code/", {"code": "000002"})
    assert client.post("/track/mine/code/", {"code": code_from_outbox()}).status_code == 429


def test_a_bad_mobile_is_refused_beside_the_field(client, units):
    page = client.post("/track/mine/", {"mobile": "0912"}).content.decode()
    assert 'id="id_mobile_error"' in page and "مشکلی وجود دارد" in page
    assert sms.outbox == []


def test_the_lookup_page_and_english(client, units):
    assert "/track/mine/" in client.get("/track/").content.decode()
    assert client.get("/en/track/mine/").status_code == 200


def test_every_plugin_answers_through_the_registry(submissions):
    found = registry.find_submissions(MOBILE)
    assert {item.plugin for item in found} == {"desk", "loans"}
    assert all(item.code and item.status for item in found)
