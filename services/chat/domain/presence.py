"""Officials' availability, capacity and signs of life."""

from __future__ import annotations

from django.utils import timezone

from ..enums import Availability
from ..models import ChatMembership, ChatOfficial, ChatSession
from . import events
from .errors import InvalidInput, NotAllowed


def official_for(user) -> ChatOfficial:
    official, _created = ChatOfficial.objects.get_or_create(user=user)
    return official


def unit_ids_of(user) -> list[int]:
    """The units whose chats ``user`` answers (every unit with a chat for superusers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return sorted(set(ChatMembership.objects.values_list("unit_id", flat=True)))
    return sorted(set(user.chat_memberships.values_list("unit_id", flat=True)))


def is_official(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active) and (
        user.is_superuser or user.chat_memberships.exists()
    )


def may_answer(user, unit_id: int) -> bool:
    """The fence: whether ``user`` may see and answer chats of the unit."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.chat_memberships.filter(unit_id=unit_id).exists()


def active_load(user) -> int:
    return ChatSession.objects.active().filter(official=user).count()


def has_room(user) -> bool:
    return active_load(user) < official_for(user).capacity


def _announce(user, official) -> None:
    frame = {
        "type": "presence",
        "user": user.pk,
        "availability": official.availability,
        "online": official.is_online(),
        "capacity": official.capacity,
        "load": active_load(user),
    }
    groups = [events.user_group(user.pk)]
    groups += [events.unit_group(unit_id) for unit_id in unit_ids_of(user)]
    events.publish(groups, frame)


def heartbeat(user, now=None) -> ChatOfficial:
    """The console is open: the official counts as present (if available)."""
    if not is_official(user):
        raise NotAllowed()
    official = official_for(user)
    was_online = official.is_online(now)
    official.last_seen_at = now or timezone.now()
    ChatOfficial.objects.filter(pk=official.pk).update(last_seen_at=official.last_seen_at)
    if not was_online and official.is_online(now):
        _announce(user, official)
    return official


def set_availability(user, availability: str, now=None) -> ChatOfficial:
    if not is_official(user):
        raise NotAllowed()
    if availability not in Availability.values:
        raise InvalidInput()
    official = official_for(user)
    official.availability = availability
    official.last_seen_at = now or timezone.now()
    official.save(update_fields=["availability", "last_seen_at"])
    _announce(user, official)
    return official


def set_capacity(user, capacity: int) -> ChatOfficial:
    if not is_official(user):
        raise NotAllowed()
    if not isinstance(capacity, int) or not 1 <= capacity <= 20:
        raise InvalidInput()
    official = official_for(user)
    official.capacity = capacity
    official.save(update_fields=["capacity"])
    _announce(user, official)
    return official


def went_away(user) -> ChatOfficial:
    """The last console closed or went idle: away, so the unit stops offering them."""
    official = official_for(user)
    if official.availability != Availability.AWAY:
        official.availability = Availability.AWAY
        official.save(update_fields=["availability"])
        _announce(user, official)
    return official
