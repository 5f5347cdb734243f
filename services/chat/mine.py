"""The chat plugin's answer to "my requests" (:mod:`cms.plugins`): the chats started with
a mobile number, each opening as its transcript with the tracking code would."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from cms.plugins import SubmissionSummary

from .models import ChatSession
from .track import open_transcript


def _chats(mobile: str):
    return ChatSession.objects.filter(mobile=mobile, anonymised_at__isnull=True)


def find_submissions(mobile: str) -> list[SubmissionSummary]:
    return [
        SubmissionSummary(
            plugin="chat",
            ref=str(chat.pk),
            kind=_("Live chat"),
            title=str(chat.unit.title) if chat.unit_id else "",
            code=chat.tracking_code_display,
            status=chat.get_state_display(),
            submitted_at=chat.created_at,
        )
        for chat in _chats(mobile).select_related("unit").order_by("-created_at")
    ]


def open_submission(request, ref: str, mobile: str) -> str | None:
    """Opens the chat's transcript in this browser, if the chat is ``mobile``'s."""
    if not ref.isdigit():
        return None
    chat = _chats(mobile).filter(pk=int(ref)).first()
    if chat is None:
        return None
    return reverse(open_transcript(request, chat))
