"""Public pages: the status page, a notice, and the email subscription."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms.i18n import current_language
from cms.links import absolute_url
from cms.querystring import accepts
from cms.ratelimit import ratelimit

from .forms import SubscribeForm
from .models import OutageNotice, Subscriber
from .notifications import send_confirmation
from .status import current_board

PAST_PER_PAGE = 10
# A second confirmation email to the same address waits this long.
RESEND_AFTER = dt.timedelta(minutes=10)


def feed_links():
    return {
        "rss_url": reverse("outages:rss"),
        "atom_url": reverse("outages:atom"),
        "ical_url": reverse("outages:ical"),
    }


@accepts("page")
def status_page(request):
    board = current_board()
    past = OutageNotice.objects.past().with_timeline().order_by("-starts_at", "-pk")
    past_page = Paginator(past, PAST_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "outages/status.html",
        {
            "board": board,
            "past_page": past_page,
            "subscribe_form": SubscribeForm(),
            **feed_links(),
        },
    )


def notice_detail(request, pk):
    notice = get_object_or_404(OutageNotice.objects.published().with_timeline(), pk=pk)
    return render(
        request,
        "outages/notice_detail.html",
        {"notice": notice, "now": timezone.now(), **feed_links()},
    )


def _message_page(request, title, message, status=200, **extra):
    return render(
        request,
        "outages/subscription_message.html",
        {"title": title, "message": message, **extra},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit("outages-subscribe", limit=5, period=3600)
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subscriber = save_subscription(form.cleaned_data)
        if subscriber.confirmation_sent_at is None or (
            timezone.now() - subscriber.confirmation_sent_at > RESEND_AFTER
        ):
            send_confirmation(
                subscriber,
                # From PORTAL_BASE_URL, never from the (forgeable) Host header.
                confirm_url=absolute_url(reverse("outages:confirm", args=[subscriber.token])),
                unsubscribe_url=absolute_url(
                    reverse("outages:unsubscribe", args=[subscriber.token])
                ),
            )
        # The same answer whether or not the address was known: the page tells no one
        # who is subscribed.
        return _message_page(
            request,
            _("Check your inbox"),
            _(
                "We have sent an email to %(email)s. Open the link in it to confirm your "
                "subscription; until then you will receive nothing."
            )
            % {"email": form.cleaned_data["email"]},
            sent=True,
        )
    return render(request, "outages/subscribe.html", {"form": form, **feed_links()})


def save_subscription(data) -> Subscriber:
    """The subscriber for this address; its choices change only while unconfirmed."""
    email = data["email"]
    try:
        with transaction.atomic():
            subscriber, created = Subscriber.objects.get_or_create(
                email=email, defaults={"language": current_language()}
            )
    except IntegrityError:
        subscriber, created = Subscriber.objects.get(email=email), False
    if created or not subscriber.is_confirmed:
        subscriber.language = current_language()
        subscriber.save(update_fields=["language"])
        subscriber.services.set(data.get("services") or [])
    return subscriber


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_subscription(request, token):
    """GET only shows a button: mail scanners and link previews follow links, and must
    not subscribe anybody. The POST (from that page, with its CSRF token) confirms."""
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        return _message_page(
            request,
            _("This link is no longer valid"),
            _("The subscription was cancelled or never existed. You can subscribe again."),
            status=404,
            show_subscribe=True,
        )
    if request.method == "GET":
        return render(request, "outages/confirm.html", {"subscriber": subscriber})
    subscriber.confirm()
    return _message_page(
        request,
        _("Subscription confirmed"),
        _(
            "You will be emailed when an outage or maintenance is announced or updated. "
            "Every email has a link to unsubscribe with one click."
        ),
        unsubscribe_url=reverse("outages:unsubscribe", args=[subscriber.token]),
    )


@csrf_exempt  # The secret token is the proof; mail clients post here (RFC 8058).
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = Subscriber.objects.filter(token=token).first()
    if request.method == "POST":
        if subscriber is not None:
            subscriber.delete()
        return _message_page(
            request,
            _("You are unsubscribed"),
            _("Your address has been removed. You will receive no more emails from us."),
            show_subscribe=True,
        )
    if subscriber is None:
        return _message_page(
            request,
            _("You are unsubscribed"),
            _("This address is not subscribed any more."),
            show_subscribe=True,
        )
    return render(request, "outages/unsubscribe.html", {"subscriber": subscriber})
