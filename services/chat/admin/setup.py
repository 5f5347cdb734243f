"""The groups a real site needs for the live chat (part of ``setup_portal``; the demo
uses them too). Only what is missing is created; nothing existing is changed."""

from __future__ import annotations

from django.contrib.auth.models import Group

from cms.groups import permissions_named

from ..models import ChatMembership

OFFICIALS_GROUP = "Chat officials"
MANAGERS_GROUP = "Chat managers"
EDITORS_GROUP = "Editors"

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
OFFICIAL_PERMISSIONS = [ADMIN_ACCESS]
MANAGER_PERMISSIONS = [
    ADMIN_ACCESS,
    ("chat", "view_chatsession"),
    ("chat", "manage_chat"),
    ("chat", "view_chatmembership"),
    ("chat", "add_chatmembership"),
    ("chat", "change_chatmembership"),
    ("chat", "delete_chatmembership"),
    ("chat", "view_cannedreply"),
    ("chat", "add_cannedreply"),
    ("chat", "change_cannedreply"),
    ("chat", "delete_cannedreply"),
]
EDITOR_PERMISSIONS = [
    ("chat", "view_cannedreply"),
    ("chat", "add_cannedreply"),
    ("chat", "change_cannedreply"),
    ("chat", "delete_cannedreply"),
]


def ensure_groups(stdout=None) -> dict[str, Group]:
    """The officials' and managers' groups; editors may keep the canned replies too."""
    groups = {}
    for name, pairs in (
        (OFFICIALS_GROUP, OFFICIAL_PERMISSIONS),
        (MANAGERS_GROUP, MANAGER_PERMISSIONS),
    ):
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.add(*permissions_named(pairs))
            if stdout is not None:
                stdout.write(f"  chat: group {name}")
        groups[name] = group
    editors = Group.objects.filter(name=EDITORS_GROUP).first()
    if (
        editors is not None
        and not editors.permissions.filter(
            content_type__app_label="chat", codename="change_cannedreply"
        ).exists()
    ):
        editors.permissions.add(*permissions_named(EDITOR_PERMISSIONS))
    return groups


def make_official(user, unit, *, manager=False):
    """Puts ``user`` in the unit's chat (membership and group), once."""
    membership, _created = ChatMembership.objects.get_or_create(
        user=user, unit=unit, defaults={"is_manager": manager}
    )
    groups = ensure_groups()
    user.groups.add(groups[MANAGERS_GROUP if manager else OFFICIALS_GROUP])
    return membership
