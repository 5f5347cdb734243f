"""Emails to subscribers: confirmation, and news of a notice when it is published or
updated. Each email carries the recipient's own one-click unsubscribe link (RFC 8058)."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from cms.ratelimit import destination_allowed

from . import conf
from .models import NoticeUpdate, Subscriber

logger = logging.getLogger(__name__)

# The command retries failed sends, but never news older than this: a day-old
# "investigating" email helps nobody.
RETRY_WINDOW = dt.timedelta(hours=24)


def absolute_url(path: str) -> str:
    return f"{conf.base_url()}{path}"


def subscriber_urls(subscriber: Subscriber) -> dict[str, str]:
    with translation.override(subscriber.language):
        return {
            "unsubscribe_url": absolute_url(
                reverse("outages:unsubscribe", args=[subscriber.token])
            ),
            "status_url": absolute_url(reverse("outages:index")),
        }


def _message(subject, template, context, to, *, unsubscribe_url=None):
    text = render_to_string(f"outages/email/{template}.txt", context)
    html = render_to_string(f"outages/email/{template}.html", context)
    headers = {}
    if unsubscribe_url:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message = EmailMultiAlternatives(
        subject=" ".join(str(subject).split()), body=text, to=[to], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def update_message(update: NoticeUpdate, subscriber: Subscriber) -> EmailMultiAlternatives:
    notice = update.notice
    urls = subscriber_urls(subscriber)
    with translation.override(subscriber.language):
        context = {
            "notice": notice,
            "update": update,
            "is_first": update.pk == notice.timeline()[0].pk,
            "services": notice.affected_services(),
            "notice_url": absolute_url(notice.get_absolute_url()),
            **urls,
        }
        subject = render_to_string("outages/email/notice_update_subject.txt", context)
        return _message(
            subject,
            "notice_update",
            context,
            subscriber.email,
            unsubscribe_url=urls["unsubscribe_url"],
        )


def send_update_notifications(update_id: int) -> int:
    """Emails the subscribers concerned about one timeline update, once.

    The update is claimed first (``notified_at``), so the task and the retry command
    never send the same news twice; a failed send releases it for a retry.
    """
    claimed = NoticeUpdate.objects.pending_notification().filter(pk=update_id)
    if not claimed.update(notified_at=timezone.now()):
        return 0
    update = (
        NoticeUpdate.objects.select_related("notice")
        .prefetch_related(
            Prefetch("notice__services"),
            Prefetch("notice__updates", queryset=NoticeUpdate.objects.order_by("posted_at", "pk")),
        )
        .get(pk=update_id)
    )
    subscribers = list(Subscriber.objects.for_notice(update.notice))
    if not subscribers:
        return 0
    try:
        messages = [update_message(update, subscriber) for subscriber in subscribers]
        with get_connection() as connection:
            sent = connection.send_messages(messages) or 0
    except Exception:
        logger.exception("Could not email subscribers about notice update %s", update_id)
        NoticeUpdate.objects.filter(pk=update_id).update(notified_at=None)
        return 0
    logger.info("Emailed %s subscribers about notice update %s", sent, update_id)
    return sent


def send_pending_notifications(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    pending = NoticeUpdate.objects.pending_notification().filter(posted_at__gte=now - RETRY_WINDOW)
    return sum(send_update_notifications(pk) for pk in pending.values_list("pk", flat=True))


def confirmation_message(subscriber: Subscriber, confirm_url: str, unsubscribe_url: str):
    with translation.override(subscriber.language):
        context = {
            "subscriber": subscriber,
            "confirm_url": confirm_url,
            "unsubscribe_url": unsubscribe_url,
            "status_url": absolute_url(reverse("outages:index")),
        }
        template = "already_subscribed" if subscriber.is_confirmed else "confirm_subscription"
        subject = render_to_string(f"outages/email/{template}_subject.txt", context)
        return _message(subject, template, context, subscriber.email)


def send_confirmation(subscriber: Subscriber, *, confirm_url: str, unsubscribe_url: str) -> None:
    # Anybody may type anybody's address into the form: one mailbox gets only its share.
    if not destination_allowed("email", subscriber.email):
        return
    confirmation_message(subscriber, confirm_url, unsubscribe_url).send()
    Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=timezone.now())
