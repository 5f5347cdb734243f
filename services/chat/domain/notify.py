"""The text message a citizen gets when their chat closes: its tracking code, and where
the transcript is. Sent after the commit; a failing gateway never undoes the chat."""

from __future__ import annotations

import logging

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext

from cms.links import absolute_url
from cms.ratelimit import destination_allowed
from cms.sms import send_sms
from cms.text import to_persian_digits
from cms.tracking import format_tracking_code

logger = logging.getLogger(__name__)


def _transcript_url() -> str:
    try:
        return absolute_url(reverse("chat:track"))
    except NoReverseMatch:
        return ""


def closing_text(session) -> str:
    with translation.override(session.language):
        code = format_tracking_code(session.tracking_code)
        if session.language == "fa":
            code = to_persian_digits(code)
        text = gettext(
            "Your live chat with the university has ended. Tracking code: %(code)s. "
            "Open the transcript with this code and your mobile number: %(url)s"
        ) % {"code": code, "url": _transcript_url()}
        if session.converted_code:
            request_code = format_tracking_code(session.converted_code)
            if session.language == "fa":
                request_code = to_persian_digits(request_code)
            text += " " + gettext("It continues as a request with tracking code %(code)s.") % {
                "code": request_code
            }
        return text


def send_closing_sms(session) -> None:
    def send():
        if not destination_allowed("sms", session.mobile):
            return
        send_sms(session.mobile, closing_text(session), fail_silently=True)

    transaction.on_commit(send)
