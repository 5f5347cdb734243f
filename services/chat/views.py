"""The citizen's pages: start a chat, the conversation, start another."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from cms import prefill, ratelimit
from cms.client_address import client_address
from cms.i18n import current_language
from cms.tracking_session import private

from . import conf, domain
from .citizen_session import held_chat, hold, release
from .domain import events
from .forms import RatingForm, SendForm, StartForm


def desk_request_url() -> str:
    """The desk's request form (channel 2), when the desk is installed: chat never
    imports it, it only asks the URL resolver."""
    try:
        return reverse("desk:form", args=["request"])
    except NoReverseMatch:
        return ""


def active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def availability_context(units=None) -> dict:
    """Who is online now, or when offices open again, and where the desk is."""
    if units is None:
        units = domain.chat_units(active_locale())
    online = [unit for unit, count in units if count]
    return {
        "online_units": online,
        "anyone_online": bool(online),
        "next_opening": None if online else domain.next_office_opening(),
        "desk_url": desk_request_url(),
    }


@require_POST
def to_desk(request):
    """ "Send it as a request instead": the question typed on the hub goes to the desk's
    request form through the session (cms.prefill), never in an address."""
    url = desk_request_url()
    if not url:
        raise Http404
    prefill.store_text(request, request.POST.get("text", ""))
    return redirect(url)


@private
def hub(request):
    chat = held_chat(request.session)
    if chat is not None and chat.is_open:
        return redirect("chat:conversation")
    if request.method == "POST":
        limit, period = conf.start_limit()
        if not ratelimit.hit(request, "chat-start", limit, period):
            return ratelimit.too_many_requests(request, period)
        form = StartForm(request.POST, locale=active_locale())
        if form.is_valid():
            data = form.cleaned_data
            try:
                chat = domain.start(
                    unit=data["unit"],
                    name=data["name"],
                    mobile=data["mobile"],
                    body=data["message"],
                    language=current_language(request),
                    client_address=client_address(request) or None,
                )
            except domain.ChatError as refusal:
                form.add_error(None, refusal.message)
            else:
                request.session.cycle_key()
                hold(request.session, chat)
                return redirect("chat:conversation")
        status = 400
    else:
        form = StartForm(locale=active_locale())
        status = 200
    context = {"form": form, **availability_context(form.units)}
    return render(request, "chat/hub.html", context, status=status)


def client_config(request, chat) -> dict:
    """What the page's script needs: where the socket and the endpoints are."""
    return {
        "socket_path": "/ws/chat/",
        "socket_timeout_ms": conf.socket_connect_timeout_ms(),
        "poll_interval_ms": conf.poll_interval_ms(),
        "socket_retry_ms": conf.socket_retry_ms()[0],
        "socket_retry_max_ms": conf.socket_retry_ms()[1],
        "max_length": conf.max_message_length(),
        "urls": {
            "poll": reverse("chat:api_poll"),
            "send": reverse("chat:api_send"),
            "typing": reverse("chat:api_typing"),
            "read": reverse("chat:api_read"),
            "end": reverse("chat:api_end"),
            "rate": reverse("chat:api_rate"),
            "convert": reverse("chat:api_convert"),
            "file": reverse("chat:file", args=[0]),
        },
        "language": current_language(request),
    }


@private
def conversation(request):
    chat = held_chat(request.session)
    if chat is None:
        return redirect("chat:hub")
    queue = domain.queue_info(chat)
    state = events.session_frame(chat, for_citizen=True, queue=queue.as_dict() if queue else None)
    messages = [
        events.message_frame(m, for_citizen=True)
        for m in domain.messages_after(chat, 0, for_citizen=True)
    ]
    context = {
        "chat": chat,
        "chat_state": state,
        "chat_messages": messages,
        "chat_config": client_config(request, chat),
        "send_form": SendForm(),
        "rating_form": RatingForm(),
        "desk_url": desk_request_url(),
    }
    return render(request, "chat/conversation.html", context)


@require_POST
@private
def new_chat(request):
    """Lets go of a closed chat so that this browser can start another."""
    chat = held_chat(request.session)
    if chat is not None and chat.is_open:
        return redirect("chat:conversation")
    release(request.session)
    return redirect("chat:hub")
