"""``setup_portal``: what a real university's portal needs before editors start.

The page tree (home, units, news, service catalog, SLA statements) in Persian with
English translations, site settings left for the administrator to fill in, the groups
and permissions, the working calendar's default week and the moderation workflow. No
demo people, requests or announcements: ``load_demo`` adds those on top.

Core apps register their steps in a ``setup_content.py`` module with
``@setup_step(order=N)`` (cms knows no app by name); plugins contribute through the
plugin contract (:meth:`cms.plugins.PortalPlugin.setup_portal`), after the core.

Every step only creates what is missing, found by a stable key (a page's type under
its parent, a group's name), and never changes what exists: running it again changes
nothing, and running it after editors changed pages never overwrites their work.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from .plugins import registry

_steps = []


def setup_step(order=100):
    def register(func):
        _steps.append((order, func.__module__, func))
        return func

    return register


def registered_steps():
    autodiscover_modules("setup_content")
    seen, steps = set(), []
    for _order, module, func in sorted(_steps, key=lambda item: (item[0], item[1])):
        if (module, func.__name__) not in seen:
            seen.add((module, func.__name__))
            steps.append(func)
    return steps


@transaction.atomic
def setup_portal(stdout):
    """Runs the core's steps, then every plugin's part, in one transaction."""
    for step in registered_steps():
        stdout.write(f"- {step.__module__}.{step.__name__}")
        step(stdout=stdout)
    registry.setup_portal(stdout)
