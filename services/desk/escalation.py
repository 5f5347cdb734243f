"""Escalation of overdue requests to their unit's managers (``desk_escalate``, from cron)."""

from __future__ import annotations

import logging

from django.utils import timezone

from . import notify
from .models import ServiceRequest

logger = logging.getLogger(__name__)


def escalate_overdue(now=None) -> int:
    """Emails the unit's managers once per overdue request; returns how many were sent.

    Safe to run often and from several processes: a request is claimed by setting
    ``escalated_at`` with a conditional update, and only the process whose update
    changed the row sends the email.
    """
    now = now or timezone.now()
    sent = 0
    candidates = (
        ServiceRequest.objects.overdue(now)
        .filter(escalated_at__isnull=True)
        .select_related("unit", "service")
    )
    for service_request in candidates:
        claimed = ServiceRequest.objects.filter(
            pk=service_request.pk, escalated_at__isnull=True
        ).update(escalated_at=now)
        if not claimed:
            continue
        try:
            notify.escalate(service_request)
        except Exception:
            # Give the request back so that the next run tries again.
            ServiceRequest.objects.filter(pk=service_request.pk).update(escalated_at=None)
            logger.exception("Could not escalate request %s", service_request.pk)
            continue
        sent += 1
    return sent
