"""The polling fallback: the same chat, messages and order as the socket, over HTTP.

JSON in and out, CSRF-protected POSTs, the chat from the session only. Malformed input or
unknown parameters answer 400 with a message for people; nothing a client sends is a 500.
"""

from __future__ import annotations

import functools

from django.db.models import Max
from django.http import JsonResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from cms.tracking_session import NO_STORE

from . import domain
from .citizen_session import held_chat
from .domain import events
from .entry import availability_text
from .enums import SenderKind
from .forms import RatingForm, SendForm
from .models import ChatMessage

STATUS = {"forbidden": 403, "state": 409, "rate_limited": 429}


def error(code: str, message, status: int = 400) -> JsonResponse:
    response = JsonResponse({"error": {"code": code, "message": str(message)}}, status=status)
    response["Cache-Control"] = NO_STORE
    return response


def answer(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = NO_STORE
    return response


def with_chat(*, params=()):
    """The view gets the chat held in the session; only ``params`` may be in the query."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            unknown = set(request.GET) - set(params)
            if unknown:
                return error(
                    "invalid", gettext("The address has parameters the chat does not use.")
                )
            chat = held_chat(request.session)
            if chat is None:
                return error(
                    "forbidden",
                    gettext("There is no chat open in this browser. Please start a new one."),
                    403,
                )
            try:
                return view(request, chat, *args, **kwargs)
            except domain.ChatError as refusal:
                return error(refusal.code, refusal.message, STATUS.get(refusal.code, 400))

        wrapped.query_params = frozenset(params)  # for cms.querystring
        return wrapped

    return decorator


@require_GET
def status(request):
    """Who is online now, for the home tile on a page that may come from the page cache."""
    if request.GET:
        return error("invalid", gettext("The address has parameters the chat does not use."))
    return answer({"description": availability_text()})


def state_of(chat) -> dict:
    chat.refresh_from_db()
    queue = domain.queue_info(chat)
    return events.session_frame(chat, for_citizen=True, queue=queue.as_dict() if queue else None)


def _own_marks(chat) -> dict:
    """How far the official has received and read the citizen's messages."""
    own = ChatMessage.objects.filter(session=chat, kind=SenderKind.CITIZEN)
    return {
        "delivered_seq": own.filter(delivered_at__isnull=False).aggregate(n=Max("seq"))["n"] or 0,
        "read_seq": own.filter(read_at__isnull=False).aggregate(n=Max("seq"))["n"] or 0,
    }


@require_GET
@with_chat(params=("after",))
def poll(request, chat):
    raw = request.GET.get("after", "0")
    if not raw.isdigit() or len(raw) > 9:
        return error("invalid", gettext("The address has parameters the chat does not use."))
    domain.citizen_seen(chat)
    items = domain.messages_after(chat, int(raw), for_citizen=True)
    if items:
        domain.mark_delivered(chat, items[-1].seq, by_citizen=True)
    return answer(
        {
            "state": state_of(chat),
            "messages": [events.message_frame(m, for_citizen=True) for m in items],
            "typing": domain.is_typing(chat, by_citizen=False),
            **_own_marks(chat),
        }
    )


@require_POST
@with_chat()
def send(request, chat):
    form = SendForm(request.POST, request.FILES)
    if not form.is_valid():
        messages = [str(m) for errors in form.errors.values() for m in errors]
        return error("invalid", " ".join(messages))
    upload, kind = form.cleaned_data["file"] or (None, None)
    message = domain.send_as_citizen(
        chat.pk, form.cleaned_data["body"], upload=upload, file_kind=kind
    )
    return answer(
        {"ack": {"seq": message.seq}, "message": events.message_frame(message, for_citizen=True)}
    )


@require_POST
@with_chat()
def typing(request, chat):
    domain.typing(chat, by_citizen=True)
    return answer({})


@require_POST
@with_chat()
def read(request, chat):
    raw = request.POST.get("seq", "")
    if not raw.isdigit() or len(raw) > 9:
        return error("invalid", gettext("The message could not be read."))
    domain.mark_read(chat, int(raw), by_citizen=True)
    return answer({})


@require_POST
@with_chat()
def end(request, chat):
    domain.end(chat.pk, by_citizen=True)
    return answer({"state": state_of(chat)})


@require_POST
@with_chat()
def convert(request, chat):
    """A waiting citizen who does not want to wait: the chat leaves the queue and
    continues as a request in the same unit's queue, what they wrote as its text."""
    domain.convert(chat.pk, by_citizen=True)
    return answer({"state": state_of(chat)})


@require_POST
@with_chat()
def rate(request, chat):
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages = [str(m) for errors in form.errors.values() for m in errors]
        return error("invalid", " ".join(messages))
    domain.rate(chat.pk, form.cleaned_data["rating"], form.cleaned_data["comment"])
    return answer({"state": state_of(chat)})
