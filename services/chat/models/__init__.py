from .messages import CITIZEN_VISIBLE, ChatAttachment, ChatMessage
from .officials import ChatMembership, ChatOfficial, online_since
from .replies import CannedReply
from .sessions import ChatSession, ChatTransfer, ChatTransition, ChatViewLog

__all__ = [
    "CITIZEN_VISIBLE",
    "CannedReply",
    "ChatAttachment",
    "ChatMembership",
    "ChatMessage",
    "ChatOfficial",
    "ChatSession",
    "ChatTransfer",
    "ChatTransition",
    "ChatViewLog",
    "online_since",
]
