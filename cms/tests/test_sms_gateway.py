"""The SMS backends never log codes or numbers; the Kavenegar backend against a local stub.

The stub is an HTTP server on 127.0.0.1 that answers like Kavenegar's API; nothing
here reaches the internet.
"""

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from cms import sms
from cms.masking import mask_codes, mask_mobile

CODE_SMS = "درخواست شما ثبت شد. کد رهگیری: ۴۸۲۹-۱۷۳۵-۶۰۲۸. پیگیری: https://portal.ir/track/"
KEY = "secret-gateway-key-3f9a"


def test_masking_keeps_only_what_tells_messages_apart():
    assert mask_mobile("09121234567") == "0912*****67"
    assert mask_codes("کد ۴۸۲۹-۱۷۳۵-۶۰۲۸ و کد ملی 0012345678") == (
        "کد ****-****-**۲۸ و کد ملی ********78"
    )
    # A one-time code keeps no digit at all, whatever digits it was written in.
    assert mask_codes("کد شما: ۴۸۲۹۵۷. تا ۵ دقیقه") == "کد شما: ******. تا ۵ دقیقه"
    assert mask_codes("Your code: 482957.") == "Your code: ******."
    # Dates, times and short numbers are not identifiers.
    assert mask_codes("۱۴۰۳/۰۵/۱۲ ساعت 14:30، ۳ روز") == "۱۴۰۳/۰۵/۱۲ ساعت 14:30، ۳ روز"


def test_the_console_backend_logs_neither_the_code_nor_the_number(settings, caplog):
    settings.SMS_BACKEND = "cms.sms.ConsoleBackend"
    with caplog.at_level(logging.DEBUG):
        sms.send_sms("09121234567", CODE_SMS)
    assert "0912*****67" in caplog.text and "https://portal.ir/track/" in caplog.text
    for secret in ("09121234567", "۴۸۲۹", "۱۷۳۵", "۴۸۲۹-۱۷۳۵-۶۰۲۸"):
        assert secret not in caplog.text


def test_no_digit_of_a_one_time_code_reaches_the_log(settings, caplog):
    settings.SMS_BACKEND = "cms.sms.ConsoleBackend"
    with caplog.at_level(logging.DEBUG):
        sms.send_sms("09121234567", "کد شما برای دیدن درخواست‌ها: ۴۸۲۹۵۷. تا ۵ دقیقه معتبر است.")
    assert "******." in caplog.text
    for digit in "۴۸۲۹۵۷":
        assert digit not in caplog.text.split("0912*****67", 1)[1].replace("۵ دقیقه", "")


def test_the_file_backend_writes_masked_messages_to_its_folder(settings, tmp_path):
    settings.SMS_BACKEND = "cms.sms.FileBackend"
    settings.SMS_FILE_PATH = str(tmp_path / "sms")
    sms.send_sms("09121234567", CODE_SMS)
    (written,) = (tmp_path / "sms").iterdir()
    record = json.loads(written.read_text("utf-8"))
    assert record["to"] == "0912*****67"
    assert "https://portal.ir/track/" in record["body"] and "۴۸۲۹" not in record["body"]


class Gateway:
    """A stub of Kavenegar's API: answers the queued statuses in order, records requests."""

    def __init__(self):
        self.answers = []
        self.requests = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                form = parse_qs(self.rfile.read(length).decode())
                gateway.requests.append((self.path, {k: v[0] for k, v in form.items()}))
                http_status, api_status = gateway.answers.pop(0) if gateway.answers else (200, 200)
                if http_status == "hang":
                    threading.Event().wait(1.0)  # longer than the client's timeout
                    http_status, api_status = 200, 200
                body = json.dumps(
                    {"return": {"status": api_status, "message": "x"}, "entries": [{}]}
                ).encode()
                self.send_response(http_status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = None
        for port in range(8480, 8500):  # this helper's ports
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        assert self.server is not None, "no free port in 8480-8499"
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings):
    stub = Gateway()
    settings.SMS_BACKEND = "cms.sms.KavenegarBackend"
    settings.SMS_API_URL = stub.url
    settings.SMS_API_KEY = KEY
    settings.SMS_SENDER = "10004346"
    settings.SMS_TIMEOUT = 0.3
    settings.SMS_RETRIES = 2
    settings.SMS_RETRY_BACKOFF = 0.01
    yield stub
    stub.close()


def test_kavenegar_gets_receptor_sender_and_text_at_its_send_endpoint(gateway):
    assert sms.send_sms("+98 912 123 4567", CODE_SMS) == 1
    ((path, form),) = gateway.requests
    assert path == f"/v1/{KEY}/sms/send.json"
    assert form == {"receptor": "09121234567", "sender": "10004346", "message": CODE_SMS}


def test_server_errors_and_timeouts_are_retried_then_sent(gateway, caplog):
    gateway.answers = [(502, 0), ("hang", 0)]
    with caplog.at_level(logging.DEBUG):
        assert sms.send_sms("09121234567", CODE_SMS) == 1
    assert len(gateway.requests) == 3
    assert "attempt 1 of 3): HTTP 502" in caplog.text
    assert "attempt 2 of 3): ReadTimeout" in caplog.text
    assert_nothing_secret(caplog.text)


def test_a_refused_message_is_not_retried_and_is_logged_without_its_text(gateway, caplog):
    gateway.answers = [(418, 418)]  # Kavenegar: not enough credit
    with pytest.raises(sms.SmsError):
        sms.send_sms("09121234567", CODE_SMS)
    assert len(gateway.requests) == 1
    assert sms.send_sms("09121234567", CODE_SMS, fail_silently=True) == 1


def test_a_gateway_down_for_every_attempt_fails_silently_and_leaks_nothing(gateway, caplog):
    gateway.answers = [(503, 0)] * 3
    with caplog.at_level(logging.DEBUG):
        assert sms.send_sms("09121234567", CODE_SMS, fail_silently=True) == 0
    assert len(gateway.requests) == 3
    assert "Could not send an SMS to 0912*****67: Kavenegar did not take" in caplog.text
    assert_nothing_secret(caplog.text)


def test_an_unreachable_gateway_is_logged_by_kind_not_by_url(gateway, caplog, settings):
    gateway.close()
    settings.SMS_RETRIES = 0
    with caplog.at_level(logging.DEBUG):
        assert sms.send_sms("09121234567", CODE_SMS, fail_silently=True) == 0
    assert "ConnectionError" in caplog.text
    assert_nothing_secret(caplog.text)
    gateway.close = lambda: None


def assert_nothing_secret(log):
    for secret in (KEY, "09121234567", "۴۸۲۹", "کد رهگیری", "/sms/send.json"):
        assert secret not in log
