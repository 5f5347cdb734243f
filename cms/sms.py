"""Text messages (SMS) to citizens, through a pluggable backend like Django's email.

``SMS_BACKEND`` names the backend class (a dotted path). The default,
:class:`ConsoleBackend`, writes each message to the log (logger ``cms.sms``), as
Django's console email backend does in development; :class:`LocmemBackend` keeps them
in :data:`outbox` for tests; a real gateway is a subclass of :class:`BaseSmsBackend`
whose ``send_messages`` talks to the provider.

    from cms.sms import send_sms
    send_sms("09121234567", "کد رهگیری شما: ...")
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

from .validators import normalize_mobile

logger = logging.getLogger(__name__)

DEFAULT_BACKEND = "cms.sms.ConsoleBackend"

# Messages "sent" by LocmemBackend, oldest first (tests read and empty it).
outbox: list[SmsMessage] = []


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str


class BaseSmsBackend:
    def __init__(self, fail_silently: bool = False, **kwargs):
        self.fail_silently = fail_silently

    def send_messages(self, messages: list[SmsMessage]) -> int:
        """Sends the messages; returns how many went out."""
        raise NotImplementedError


class ConsoleBackend(BaseSmsBackend):
    """Writes messages to the log instead of sending them (development)."""

    def send_messages(self, messages):
        for message in messages:
            logger.info("SMS to %s: %s", message.to, message.body)
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


def get_backend(backend: str | None = None, fail_silently: bool = False) -> BaseSmsBackend:
    path = backend or getattr(settings, "SMS_BACKEND", DEFAULT_BACKEND)
    return import_string(path)(fail_silently=fail_silently)


def send_sms(to: str, body: str, fail_silently: bool = False, backend: str | None = None) -> int:
    """Sends one text message to an Iranian mobile number (any way it was typed).

    With ``fail_silently`` a failing gateway is logged, not raised: a citizen's request
    must not fail because a notification could not go out.
    """
    message = SmsMessage(to=normalize_mobile(to), body=body)
    try:
        return get_backend(backend, fail_silently).send_messages([message])
    except Exception:
        if not fail_silently:
            raise
        logger.exception("Could not send an SMS to %s", message.to)
        return 0
