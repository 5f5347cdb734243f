"""Emails and text messages about requests, in the citizen's own language.

Sent after the transaction commits (see :mod:`services.desk.workflow`). A failing mail
server or SMS gateway is logged, never a reason to lose what the citizen sent.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cms.links import absolute_url
from cms.notify import link, localized_code, send_email, send_text
from cms.ratelimit import destination_allowed

from .enums import StaffRole
from .routing import staff_emails

logger = logging.getLogger(__name__)


def site_url(path: str) -> str:
    return absolute_url(path)


def track_url(language="fa") -> str:
    return link("desk_track:lookup", language)


def admin_url(service_request) -> str:
    return site_url(reverse("desk_requests_modeladmin_inspect", args=[service_request.pk]))


def _code(service_request, language):
    return localized_code(service_request.tracking_code, language)


def _send_email(to, template, context, language):
    send_email(list(to), f"desk/email/{template}", context, language)


def _send_sms(mobile, template, context, language):
    send_text(mobile, f"desk/email/{template}_sms.txt", context, language)


def _to_citizen(service_request, template, capped=False, **extra):
    """``capped``: the message follows a public submission, which anybody may send with
    anybody's mobile number or email, so each destination gets only its share an hour
    (``PORTAL_SMS_DESTINATION_LIMIT``, ``PORTAL_EMAIL_DESTINATION_LIMIT``); the request
    itself is kept and its code shown on the page. Answers from staff are not capped."""
    language = service_request.language or "fa"
    context = {
        "request": service_request,
        "code": _code(service_request, language),
        "track_url": track_url(language),
        **extra,
    }
    email, mobile = service_request.email, service_request.mobile
    if email and (not capped or destination_allowed("email", email)):
        _send_email([email], template, context, language)
    if not capped or destination_allowed("sms", mobile):
        _send_sms(mobile, template, context, language)


def _staff_emails(service_request, managers_only=False):
    """The staff who handle the request's unit: its own, else its parent unit's, else the
    triage unit's (:func:`services.desk.routing.staff_emails`)."""
    return staff_emails(service_request.unit, StaffRole.MANAGER if managers_only else None)


def request_received(service_request):
    _to_citizen(service_request, "received", capped=True)
    staff = _staff_emails(service_request)
    _send_email(
        staff,
        "staff_new",
        {"request": service_request, "admin_url": admin_url(service_request)},
        settings.LANGUAGE_CODE,
    )


def replied(service_request, message):
    _to_citizen(service_request, "replied", message=message)


def status_changed(service_request, change):
    _to_citizen(service_request, "status", change=change)


def meeting_proposed(service_request, proposal):
    _to_citizen(service_request, "meeting", proposal=proposal)


def citizen_wrote(service_request, message):
    recipients = []
    if service_request.assigned_to and service_request.assigned_to.email:
        recipients = [service_request.assigned_to.email]
    else:
        recipients = _staff_emails(service_request)
    _send_email(
        recipients,
        "staff_message",
        {"request": service_request, "admin_url": admin_url(service_request)},
        settings.LANGUAGE_CODE,
    )


def meeting_answered(service_request, proposal):
    citizen_wrote(service_request, None)


def escalate(service_request):
    """The unit's managers learn that a request is overdue (raises if mail fails)."""
    recipients = _staff_emails(service_request, managers_only=True)
    if not recipients:
        logger.warning(
            "Overdue request %s: neither its unit, a parent unit nor the triage unit has a "
            "manager with email",
            service_request.pk,
        )
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"request": service_request, "admin_url": admin_url(service_request)}
        subject = render_to_string("desk/email/escalation_subject.txt", context).strip()
        body = render_to_string("desk/email/escalation.txt", context)
    send_mail(" ".join(subject.split()), body, None, recipients)


def meeting_reminder(service_request, proposal) -> bool:
    """The day-before SMS of an agreed meeting; ``False`` when the gateway failed."""
    language = service_request.language or "fa"
    context = {
        "request": service_request,
        "proposal": proposal,
        "code": _code(service_request, language),
        "track_url": track_url(language),
    }
    return (
        send_text(service_request.mobile, "desk/email/meeting_reminder_sms.txt", context, language)
        > 0
    )


def tracking_code_resent(service_request) -> bool:
    """Staff resend a request's tracking code to the mobile number it was sent with."""
    language = service_request.language or "fa"
    context = {
        "request": service_request,
        "code": _code(service_request, language),
        "track_url": track_url(language),
    }
    return (
        send_text(service_request.mobile, "desk/email/code_resent_sms.txt", context, language) > 0
    )
