"""Emails and text messages to citizens and students, rendered in their own language.

The plugins that tell people about their requests and applications (desk, loans) share
these: a message is rendered from templates with the recipient's language active, and a
failing mail server or SMS gateway is logged, never a reason to lose what was saved.
"""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .links import absolute_url
from .sms import send_sms
from .text import to_persian_digits
from .tracking import format_tracking_code

logger = logging.getLogger(__name__)


def localized_code(tracking_code: str, language: str) -> str:
    """The tracking code as the recipient reads it: grouped, in Persian digits in Persian."""
    code = format_tracking_code(tracking_code)
    return to_persian_digits(code) if language == "fa" else code


def link(url_name: str, language: str) -> str:
    """An absolute link (from ``PORTAL_BASE_URL``) to a named page in ``language``."""
    with translation.override(language):
        return absolute_url(reverse(url_name))


def send_email(to, template: str, context: dict, language: str) -> int:
    """Sends ``template`` (``<template>_subject.txt`` and ``<template>.txt``) to ``to``;
    how many went (0 when the mail server failed, which is logged)."""
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    try:
        return send_mail(" ".join(subject.split()), body, None, recipients)
    except Exception:
        logger.exception("Could not send the %s email", template)
        return 0


def send_text(mobile: str, template: str, context: dict, language: str) -> int:
    """Sends the SMS ``template`` to ``mobile``; a failing gateway is logged, not raised."""
    if not mobile:
        return 0
    with translation.override(language):
        text = render_to_string(template, context).strip()
    return send_sms(mobile, text, fail_silently=True)
