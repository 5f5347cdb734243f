"""The officials' side of the live chat in the Wagtail admin.

``console``: the chat console and its HTTP fallback (``frames``: the staff protocol's
frames done over HTTP); ``transcripts``: managers' list of their units' chats, the
transcripts and figures; ``officials``: who answers which unit, the view log, canned
replies and the menu group. Registered from ``services/chat/wagtail_hooks.py``.
"""

from .console import ConsoleView, FrameView, PollView
from .officials import ChatAdminGroup
from .replies import CannedReplyViewSet
from .transcripts import MANAGER_FENCE, TranscriptAdmin

__all__ = [
    "MANAGER_FENCE",
    "CannedReplyViewSet",
    "ChatAdminGroup",
    "ConsoleView",
    "FrameView",
    "PollView",
    "TranscriptAdmin",
]
