"""Per-client throttling on the cache."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from cms import ratelimit
from cms.client_address import client_address


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def make_request(address="10.0.0.1", method="post", **meta):
    factory = RequestFactory()
    return getattr(factory, method)("/", REMOTE_ADDR=address, **meta)


def test_a_client_is_stopped_after_the_limit_and_others_are_not():
    request = make_request()
    assert all(ratelimit.hit(request, "scope", 3, 60) for _ in range(3))
    assert not ratelimit.hit(request, "scope", 3, 60)
    assert ratelimit.hit(make_request("10.0.0.2"), "scope", 3, 60)
    assert ratelimit.hit(request, "other-scope", 3, 60)
    assert ratelimit.remaining(request, "scope", 3, 60) == 0
    ratelimit.reset(request, "scope", 60)
    assert ratelimit.remaining(request, "scope", 3, 60) == 3


def test_a_new_window_starts_afresh(monkeypatch):
    request = make_request()
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    assert ratelimit.hit(request, "w", 1, 60)
    assert not ratelimit.hit(request, "w", 1, 60)
    now[0] += 60
    assert ratelimit.hit(request, "w", 1, 60)


def test_the_proxy_header_names_the_client_when_configured(settings):
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.PORTAL_TRUSTED_PROXIES = ["127.0.0.1"]
    one = make_request("127.0.0.1", HTTP_X_REAL_IP="5.5.5.5")
    two = make_request("127.0.0.1", HTTP_X_REAL_IP="6.6.6.6")
    assert ratelimit.client_id(one) != ratelimit.client_id(two)
    settings.PORTAL_CLIENT_IP_HEADER = ""
    assert ratelimit.client_id(one) == ratelimit.client_id(two)
    # The address itself is not what is stored in the cache key.
    assert "127.0.0.1" not in ratelimit.client_id(one)


def test_a_forged_header_from_a_peer_that_is_no_trusted_proxy_is_ignored(settings):
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = make_request("198.51.100.7", HTTP_X_REAL_IP="5.5.5.5")
    assert client_address(request) == "198.51.100.7"
    assert all(
        ratelimit.hit(make_request("198.51.100.7", HTTP_X_REAL_IP=f"5.5.5.{n}"), "f", 3, 60)
        for n in range(3)
    )
    assert not ratelimit.hit(make_request("198.51.100.7", HTTP_X_REAL_IP="9.9.9.9"), "f", 3, 60)
    # From the trusted proxy the header is believed.
    assert client_address(make_request("10.0.0.5", HTTP_X_REAL_IP="5.5.5.5")) == "5.5.5.5"


def test_a_forwarded_list_is_read_from_the_proxy_end(settings):
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.PORTAL_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.2"]
    # The client typed "1.1.1.1" itself; our proxies appended 203.0.113.9 and 10.0.0.2.
    request = make_request("127.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9, 10.0.0.2")
    assert client_address(request) == "203.0.113.9"
    garbage = make_request("127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_address(garbage) == "127.0.0.1"


def test_messages_to_one_destination_are_capped_whoever_asks(settings):
    settings.PORTAL_SMS_DESTINATION_LIMIT = (5, 3600)
    sent = [ratelimit.destination_allowed("sms", "09121234567") for _ in range(24)]
    assert sent.count(True) == 5
    assert ratelimit.destination_allowed("sms", "09127654321")
    assert ratelimit.destination_allowed("email", "09121234567")


@pytest.mark.django_db
def test_the_decorator_answers_429_in_persian_with_retry_after(home_page):
    @ratelimit.ratelimit("deco", limit=1, period=120)
    def view(request):
        return HttpResponse("ok")

    assert view(make_request()).status_code == 200
    assert view(make_request(method="get")).status_code == 200  # GET is not counted
    with translation.override("fa"):
        response = view(make_request())
    assert response.status_code == 429
    assert response["Retry-After"] == "120"
    assert "تلاش" in response.content.decode()


def test_switched_off_by_setting(settings):
    settings.PORTAL_RATELIMIT_ENABLED = False
    request = make_request()
    assert all(ratelimit.hit(request, "off", 1, 60) for _ in range(5))
