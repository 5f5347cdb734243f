"""Emails to the owners of SLA statements that are about to expire."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from cms.links import absolute_url

from .models import ExpiryNotice, SLAStatementPage
from .models.pages import EXPIRY_WARNING_DAYS


@dataclass
class NoticeResult:
    statement: SLAStatementPage
    recipients: list[str]
    sent: bool
    reason: str = ""


def statements_to_notify(today: dt.date, days: int = EXPIRY_WARNING_DAYS):
    return (
        SLAStatementPage.objects.live()
        .expiring_within(days, today)
        .select_related("owner")
        .order_by("valid_until")
    )


def notify_expiring(
    today: dt.date | None = None, days: int = EXPIRY_WARNING_DAYS, dry_run: bool = False
) -> list[NoticeResult]:
    """Email the owners of each live statement expiring within ``days`` days.

    At most one email per statement per day: the day's :class:`ExpiryNotice` is recorded
    in the same transaction as the sending, so running the command twice (or from two
    machines at once) sends nothing more.
    """
    today = today or timezone.localdate()
    results = []
    for statement in statements_to_notify(today, days):
        recipients = statement.owner_emails()
        if not recipients:
            results.append(NoticeResult(statement, [], False, "no recipients"))
            continue
        if ExpiryNotice.objects.filter(statement=statement, date=today).exists():
            results.append(NoticeResult(statement, recipients, False, "already sent today"))
            continue
        if dry_run:
            results.append(NoticeResult(statement, recipients, False, "dry run"))
            continue
        try:
            with transaction.atomic():
                ExpiryNotice.objects.create(
                    statement=statement, date=today, recipients=", ".join(recipients)
                )
                _send(statement, recipients, today)
        except IntegrityError:
            results.append(NoticeResult(statement, recipients, False, "already sent today"))
            continue
        results.append(NoticeResult(statement, recipients, True))
    return results


def _send(statement: SLAStatementPage, recipients: list[str], today: dt.date) -> None:
    admin_url = absolute_url(reverse("wagtailadmin_pages:edit", args=[statement.pk]))
    context = {
        "statement": statement,
        "days_left": statement.days_left(today),
        "admin_url": admin_url,
    }
    # The owners are the university's editors: Persian, like the statements.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("sla/email/expiring_subject.txt", context).strip()
        body = render_to_string("sla/email/expiring_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, recipients)
