"""Transcripts: a closed chat found again with its tracking code and mobile number.

``/chat/track/`` is the chat's own tracker; a chat code typed into the desk's ``/track/``
reaches it through the plugin contract (``find_tracked``). The opened chat is held in a
tracking session (:mod:`cms.tracking_session`), never in the URL.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from cms.ratelimit import hit, too_many_requests
from cms.tracking_session import TrackingSession, private
from cms.uploads import attachment_response

from . import conf, domain
from .citizen_session import held_chat
from .enums import SenderKind
from .forms import TrackForm
from .models import ChatAttachment, ChatSession

tracking = TrackingSession("chat_tracked", conf.tracking_session_age)


def open_transcript(request, chat) -> str:
    """Opens ``chat`` in this browser's tracking session; the transcript's URL."""
    tracking.open(request, chat)
    return "chat:transcript"


@private
def lookup(request):
    if request.method == "POST":
        limit, period = conf.track_limit()
        if not hit(request, "chat-track", limit, period):
            return too_many_requests(request, period)
        form = TrackForm(request.POST)
        if form.is_valid():
            chat = domain.find_by_code(form.cleaned_data["code"], form.cleaned_data["mobile"])
            if chat is not None:
                return redirect(open_transcript(request, chat))
            form.add_error(
                None,
                _(
                    "No chat matches this tracking code and mobile number. Check both and try again."
                ),
            )
        status = 400
    else:
        form = TrackForm()
        status = 200
    return render(request, "chat/track_lookup.html", {"form": form}, status=status)


@private
def transcript(request):
    chat = tracking.current(request, ChatSession.objects.select_related("unit"))
    if chat is None:
        return redirect("chat:track")
    messages = domain.messages_after(chat, 0, for_citizen=True, limit=5000)
    return render(request, "chat/transcript.html", {"chat": chat, "chat_messages": messages})


@private
def download(request, attachment_id):
    """A file of the chat held in the session (the conversation) or opened at the
    tracker; never an internal note's, never another chat's."""
    allowed = set()
    held = held_chat(request.session)
    if held is not None:
        allowed.add(held.pk)
    tracked = tracking.current(request, ChatSession.objects.all())
    if tracked is not None:
        allowed.add(tracked.pk)
    attachment = (
        ChatAttachment.objects.select_related("message")
        .filter(pk=attachment_id, message__session_id__in=allowed)
        .exclude(message__kind=SenderKind.NOTE)
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment_response(attachment.file, attachment.download_name, attachment.content_type)
