"""SMS through a pluggable backend."""

import logging

import pytest

from cms import sms


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def test_the_default_backend_writes_to_the_log(settings, caplog):
    if hasattr(settings, "SMS_BACKEND"):
        del settings.SMS_BACKEND
    with caplog.at_level(logging.INFO, logger="cms.sms"):
        assert sms.send_sms("۰۹۱۲ ۳۴۵ ۶۷۸۹", "سلام") == 1
    assert "SMS to 0912*****89: سلام" in caplog.text
    assert "09123456789" not in caplog.text
    assert sms.outbox == []


def test_the_locmem_backend_keeps_messages_with_normalised_numbers(settings):
    settings.SMS_BACKEND = "cms.sms.LocmemBackend"
    sms.send_sms("+98 912 345 6789", "کد رهگیری")
    assert sms.outbox == [sms.SmsMessage(to="09123456789", body="کد رهگیری")]


class BrokenBackend(sms.BaseSmsBackend):
    def send_messages(self, messages):
        raise ConnectionError("gateway down")


def test_a_failing_gateway_raises_or_is_logged_when_silent(settings, caplog):
    settings.SMS_BACKEND = "cms.tests.test_sms.BrokenBackend"
    with pytest.raises(ConnectionError):
        sms.send_sms("09123456789", "x")
    assert sms.send_sms("09123456789", "x", fail_silently=True) == 0
    assert "Could not send an SMS to 0912*****89: ConnectionError" in caplog.text
    assert "09123456789" not in caplog.text


def test_the_dummy_backend_sends_nothing(settings):
    settings.SMS_BACKEND = "cms.sms.DummyBackend"
    assert sms.send_sms("09123456789", "x") == 1
    assert sms.outbox == []
