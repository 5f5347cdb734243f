"""Keep what reads chat memberships fresh: the cached set of units offering chat (the
menu entry) is forgotten when a membership or a user changes, and an official's open
console sockets re-read their units when one of their memberships is saved or deleted
(``FENCE_CHANGED`` on their user group, after the commit)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save

from .domain import events
from .domain.units import forget_chat_units
from .models import ChatMembership

# A frame only the officials' sockets read (never sent on to a page): "your units
# changed, read them again".
FENCE_CHANGED = "fence"


def tell_sockets(sender, instance, **kwargs) -> None:
    events.publish([events.user_group(instance.user_id)], {"type": FENCE_CHANGED})


def connect() -> None:
    for model in (ChatMembership, get_user_model()):
        post_save.connect(forget_chat_units, sender=model, dispatch_uid=f"chat-units-{model}")
        post_delete.connect(forget_chat_units, sender=model, dispatch_uid=f"chat-units-del-{model}")
    post_save.connect(tell_sockets, sender=ChatMembership, dispatch_uid="chat-fence")
    post_delete.connect(tell_sockets, sender=ChatMembership, dispatch_uid="chat-fence-del")
