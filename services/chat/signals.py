"""Keep what public pages read about the chat fresh: the cached set of units offering
chat (the menu entry) is forgotten when a membership or a user changes."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save

from .domain.units import forget_chat_units
from .models import ChatMembership


def connect() -> None:
    for model in (ChatMembership, get_user_model()):
        post_save.connect(forget_chat_units, sender=model, dispatch_uid=f"chat-units-{model}")
        post_delete.connect(forget_chat_units, sender=model, dispatch_uid=f"chat-units-del-{model}")
