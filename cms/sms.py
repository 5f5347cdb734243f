"""Text messages (SMS) to citizens, through a pluggable backend like Django's email.

``SMS_BACKEND`` names the backend class (a dotted path; env ``SMS_BACKEND``):

- :class:`ConsoleBackend` (the development default) writes each message to the log
  (logger ``cms.sms``), with the number and any code in it masked;
- :class:`KavenegarBackend` sends through the Kavenegar gateway's HTTP API
  (``SMS_API_KEY``, ``SMS_SENDER``), with timeouts and retries;
- :class:`FileBackend` writes each message, masked, as a JSON file in ``SMS_FILE_PATH``
  (staging and the CI smoke test read them);
- :class:`LocmemBackend` keeps them in :data:`outbox` for tests; :class:`DummyBackend`
  sends nothing.

No backend ever logs a tracking code, a national code or a full mobile number: they
are masked (:mod:`cms.masking`), and gateway failures are logged without the text.

    from cms.sms import send_sms
    send_sms("09121234567", "کد رهگیری شما: ...")
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string

from .masking import mask_codes, mask_mobile
from .validators import normalize_mobile

logger = logging.getLogger(__name__)

DEFAULT_BACKEND = "cms.sms.ConsoleBackend"

# Messages "sent" by LocmemBackend, oldest first (tests read and empty it).
outbox: list[SmsMessage] = []


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str


class SmsError(Exception):
    """The gateway did not take a message. The text says why, never what was sent."""


class BaseSmsBackend:
    def __init__(self, fail_silently: bool = False, **kwargs):
        self.fail_silently = fail_silently

    def send_messages(self, messages: list[SmsMessage]) -> int:
        """Sends the messages; returns how many went out."""
        raise NotImplementedError


class ConsoleBackend(BaseSmsBackend):
    """Writes messages to the log instead of sending them (development), masked."""

    def send_messages(self, messages):
        for message in messages:
            logger.info("SMS to %s: %s", mask_mobile(message.to), mask_codes(message.body))
        return len(messages)


class LocmemBackend(BaseSmsBackend):
    """Keeps messages in ``cms.sms.outbox`` (tests)."""

    def send_messages(self, messages):
        outbox.extend(messages)
        return len(messages)


class DummyBackend(BaseSmsBackend):
    """Sends nothing (SMS switched off)."""

    def send_messages(self, messages):
        return len(messages)


class FileBackend(BaseSmsBackend):
    """Writes each message, masked like the log, as one JSON file in ``SMS_FILE_PATH``.

    For staging and the CI smoke test, which check the links in what would be sent.
    """

    def __init__(self, fail_silently=False, file_path=None, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        path = file_path or getattr(settings, "SMS_FILE_PATH", "")
        if not path:
            raise ImproperlyConfigured("FileBackend needs SMS_FILE_PATH, a folder to write to.")
        self.path = Path(path)

    def send_messages(self, messages):
        self.path.mkdir(parents=True, exist_ok=True)
        for message in messages:
            name = f"{timezone.now():%Y%m%d-%H%M%S}-{os.getpid()}-{secrets.token_hex(4)}.json"
            record = {"to": mask_mobile(message.to), "body": mask_codes(message.body)}
            (self.path / name).write_text(json.dumps(record, ensure_ascii=False), "utf-8")
        return len(messages)


class KavenegarBackend(BaseSmsBackend):
    """Kavenegar's HTTP API (``POST {SMS_API_URL}/v1/{key}/sms/send.json``).

    Each message is one request with ``receptor``, ``sender`` and ``message``; the
    gateway answers ``{"return": {"status": 200, ...}, "entries": [...]}``. Connection
    errors, timeouts, 5xx and 429 are retried ``SMS_RETRIES`` times with a growing pause;
    other answers (a wrong key, no credit, a refused number) are final. The key is part
    of the URL, so neither the URL nor the exception's text is ever logged.
    """

    name = "Kavenegar"
    default_url = "https://api.kavenegar.com"
    retry_statuses = frozenset({429, 500, 502, 503, 504})

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.api_key = getattr(settings, "SMS_API_KEY", "")
        self.sender = getattr(settings, "SMS_SENDER", "")
        if not self.api_key:
            raise ImproperlyConfigured(f"The {self.name} SMS backend needs SMS_API_KEY.")
        self.base_url = (getattr(settings, "SMS_API_URL", "") or self.default_url).rstrip("/")
        self.timeout = float(getattr(settings, "SMS_TIMEOUT", 5))
        self.retries = int(getattr(settings, "SMS_RETRIES", 2))
        self.backoff = float(getattr(settings, "SMS_RETRY_BACKOFF", 0.5))
        self.session = requests.Session()

    def send_messages(self, messages):
        sent = 0
        for message in messages:
            self._send(message)
            sent += 1
        return sent

    def _send(self, message: SmsMessage) -> None:
        url = f"{self.base_url}/v1/{self.api_key}/sms/send.json"
        data = {"receptor": message.to, "message": message.body}
        if self.sender:
            data["sender"] = self.sender
        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                response = self.session.post(url, data=data, timeout=self.timeout)
            except requests.RequestException as exc:
                problem, retry = type(exc).__name__, True
            else:
                problem, retry = self._problem(response)
                if problem is None:
                    return
            logger.warning(
                "SMS to %s via %s failed (attempt %d of %d): %s",
                mask_mobile(message.to),
                self.name,
                attempt,
                attempts,
                problem,
            )
            if not retry or attempt == attempts:
                raise SmsError(f"{self.name} did not take the message: {problem}")
            time.sleep(self.backoff * 2 ** (attempt - 1))

    def _problem(self, response) -> tuple[str | None, bool]:
        """(None, _) when the gateway took the message, else (why, whether to retry)."""
        if response.status_code in self.retry_statuses:
            return f"HTTP {response.status_code}", True
        try:
            status = int(response.json()["return"]["status"])
        except (ValueError, KeyError, TypeError):
            return f"HTTP {response.status_code}, unreadable answer", response.status_code >= 500
        if response.status_code == 200 and status == 200:
            return None, False
        return f"HTTP {response.status_code}, gateway status {status}", False


def get_backend(backend: str | None = None, fail_silently: bool = False) -> BaseSmsBackend:
    path = backend or getattr(settings, "SMS_BACKEND", DEFAULT_BACKEND)
    return import_string(path)(fail_silently=fail_silently)


def send_sms(to: str, body: str, fail_silently: bool = False, backend: str | None = None) -> int:
    """Sends one text message to an Iranian mobile number (any way it was typed).

    With ``fail_silently`` a failing gateway is logged (masked number and the kind of
    failure; no text, no traceback that could carry the gateway's key), not raised: a
    citizen's request must not fail because a notification could not go out.
    """
    message = SmsMessage(to=normalize_mobile(to), body=body)
    try:
        return get_backend(backend, fail_silently).send_messages([message])
    except Exception as exc:
        if not fail_silently:
            raise
        reason = str(exc) if isinstance(exc, SmsError) else type(exc).__name__
        logger.error("Could not send an SMS to %s: %s", mask_mobile(message.to), reason)
        return 0
