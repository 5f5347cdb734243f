"""Staff groups with the permissions a plugin's staff need, made by ``setup_portal``,
the demo, and the first staff membership."""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.contrib.auth.models import Group, Permission
from django.db.models import Q


def permissions_named(pairs: Iterable[tuple[str, str]]) -> list[Permission]:
    """The permissions named by ``(app_label, codename)`` pairs; those not created yet
    (an app whose migrations have not run) are left out."""
    wanted = [Q(content_type__app_label=app, codename=codename) for app, codename in pairs]
    if not wanted:
        return []
    return list(Permission.objects.filter(reduce(or_, wanted)))


def ensure_group(name: str, pairs: Iterable[tuple[str, str]]) -> Group:
    """The group called ``name`` with at least these permissions: created or completed,
    never narrowed."""
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(*permissions_named(pairs))
    return group
