"""The plugin contract.

A plugin is a Django app (under ``services/``) whose ``AppConfig`` also inherits
:class:`PortalPlugin` and overrides what it contributes. The core (``cms``,
``sitepages``, ``sla``) never imports a plugin: it asks :data:`registry`, which finds the
plugins among the installed apps. Switching a plugin off is removing it from
``INSTALLED_APPS`` (``PORTAL_DISABLED_PLUGINS``); everything it contributed disappears
and the rest of the site keeps working.

What a plugin may contribute:

``url_prefix`` / ``urls``
    Public URL patterns (a module path), mounted by the root urls at ``/<url_prefix>/``
    for Persian and ``/en/<url_prefix>/`` for English, under the namespace ``label``.
``extra_url_prefixes``
    Optional ``{prefix: urls module}`` for short public addresses a plugin also owns
    (the desk's ``/track/``), mounted the same way under the namespace
    ``<label>_<prefix>``.
``websocket_urls``
    A module path whose ``websocket_urlpatterns`` (Channels routes, full paths such as
    ``ws/chat/``) ``cms/asgi.py`` mounts behind the origin check and the session and
    authentication middleware, as the root urls mount ``urls``.
``get_home_tiles(request)``
    :class:`HomeTile` items shown on the home page (the ways to reach the university).
``get_menu_entries(request)``
    :class:`MenuEntry` items for the site header's service links.
``get_banners(request)``
    :class:`Banner` items shown on top of every public page (outages, maintenance).
``get_sla_metrics(service_code, start, end)``
    :class:`SLAMetric` figures about one catalog service over a period.
``get_backup_datasets()``
    :class:`BackupDataset` items: the models holding users' data and their file fields.
``get_service_start_url(service)``
    The URL of the form that starts a catalog service, when this plugin delivers it
    (``None`` otherwise); the first plugin that answers wins.
``find_tracked(request, code, second_factor)``
    When a tracking code typed into the desk's ``/track/`` is not a desk request, the
    plugin whose submission it opens (with the second factor) opens it in the visitor's
    session and returns the URL to go to; ``None`` otherwise.
``take_handover(handover)``
    Takes a :class:`HandOver` (a conversation another channel passes on, e.g. a chat the
    official needs time for) as a request of its own and returns the new request's
    tracking code, or ``None`` when this plugin does not take hand-overs; the first
    plugin that answers wins.
``verify_restored(sample)``
    :class:`RestoreCheck` items: after a restore drill (``verify_backup``), open up to
    ``sample`` submissions through the same lookup the public tracker uses (tracking
    code plus second factor) and say whether each came back.
``setup_portal(stdout)``
    Its part of ``manage.py setup_portal`` (:mod:`cms.setup`): the pages, groups and
    permissions a real site needs, without demo data. It must only create what is
    missing and never change what exists (the command runs again on every deployment).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.apps import apps

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class HomeTile:
    title: str
    description: str
    url: str
    icon: str = "link"
    order: int = 100


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url: str
    order: int = 100


@dataclass(frozen=True)
class Banner:
    """A site-wide notice. ``level`` is ``"info"`` (calm) or ``"critical"`` (strong)."""

    key: str
    message: str
    url: str = ""
    level: str = "info"
    dismissible: bool = True
    order: int = 100


@dataclass(frozen=True)
class SLAMetric:
    """One measured figure for a service, e.g. the share of requests answered in time.

    ``value`` and ``target`` are numbers in ``unit`` (``"%"``, ``"days"``...); ``value``
    is ``None`` when there is no data yet for the period.
    """

    key: str
    label: str
    value: Decimal | float | None
    unit: str = "%"
    target: Decimal | float | None = None
    higher_is_better: bool = True
    sample_size: int = 0

    @property
    def has_data(self) -> bool:
        return self.value is not None

    @property
    def is_met(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        if self.higher_is_better:
            return self.value >= self.target
        return self.value <= self.target


@dataclass(frozen=True)
class BackupDataset:
    """A model whose rows are users' data, and the names of its file fields."""

    model: str  # "app_label.ModelName"
    file_fields: tuple[str, ...] = field(default_factory=tuple)
    description: str = ""

    def get_model(self):
        return apps.get_model(self.model)


@dataclass(frozen=True)
class HandOver:
    """A conversation passed on as a request: to which unit (canonical page id), from
    whom, what about, and its transcript as the request's text."""

    unit_id: int
    name: str
    mobile: str
    subject: str
    body: str
    language: str = "fa"
    source: str = ""  # e.g. "chat 1234-5678-9012"


@dataclass(frozen=True)
class RestoreCheck:
    """One submission opened after a restore drill, as its owner would open it."""

    label: str  # e.g. "desk: ABCD-EFGH-JK"
    ok: bool
    detail: str = ""


class PortalPlugin:
    """Mixin for a plugin's ``AppConfig``. Override only what the plugin contributes."""

    url_prefix: str | None = None
    urls: str | None = None
    extra_url_prefixes: dict[str, str] | None = None
    websocket_urls: str | None = None

    def get_home_tiles(self, request) -> list[HomeTile]:
        return []

    def get_menu_entries(self, request) -> list[MenuEntry]:
        return []

    def get_banners(self, request) -> list[Banner]:
        return []

    def get_sla_metrics(self, service_code: str, start: datetime, end: datetime) -> list[SLAMetric]:
        return []

    def get_backup_datasets(self) -> list[BackupDataset]:
        return []

    def get_service_start_url(self, service) -> str | None:
        return None

    def take_handover(self, handover: HandOver) -> str | None:
        return None

    def find_tracked(self, request, code: str, second_factor: str) -> str | None:
        return None

    def verify_restored(self, sample: int) -> list[RestoreCheck]:
        return []

    def setup_portal(self, stdout) -> None:
        return None


class PluginRegistry:
    """Finds the installed plugins and gathers what they contribute.

    A plugin that fails while contributing to a page (a tile, a banner, a metric) is
    logged and skipped: one broken plugin must not take the whole portal down.
    """

    def plugins(self) -> list[PortalPlugin]:
        return [config for config in apps.get_app_configs() if isinstance(config, PortalPlugin)]

    def get(self, label: str) -> PortalPlugin | None:
        for plugin in self.plugins():
            if plugin.label == label:
                return plugin
        return None

    def is_installed(self, label: str) -> bool:
        return self.get(label) is not None

    def _gather(self, method: str, *args) -> list:
        items = []
        for plugin in self.plugins():
            try:
                items.extend(getattr(plugin, method)(*args))
            except Exception:
                logger.exception("Plugin %s failed in %s", plugin.label, method)
        return items

    def url_modules(self) -> list[tuple[str, str, str]]:
        """(prefix, urls module, namespace) of every plugin that has public URLs."""
        modules = []
        for plugin in self.plugins():
            if plugin.urls and plugin.url_prefix:
                modules.append((plugin.url_prefix, plugin.urls, plugin.label))
            for prefix, module in (plugin.extra_url_prefixes or {}).items():
                modules.append((prefix, module, f"{plugin.label}_{prefix}"))
        return modules

    def websocket_modules(self) -> list[str]:
        """The ``websocket_urls`` modules of the installed plugins."""
        return [plugin.websocket_urls for plugin in self.plugins() if plugin.websocket_urls]

    def home_tiles(self, request) -> list[HomeTile]:
        return sorted(self._gather("get_home_tiles", request), key=lambda t: t.order)

    def menu_entries(self, request) -> list[MenuEntry]:
        return sorted(self._gather("get_menu_entries", request), key=lambda m: m.order)

    def banners(self, request) -> list[Banner]:
        return sorted(self._gather("get_banners", request), key=lambda b: b.order)

    def sla_metrics(self, service_code: str, start: datetime, end: datetime) -> list[SLAMetric]:
        return self._gather("get_sla_metrics", service_code, start, end)

    def service_start_url(self, service) -> str | None:
        for plugin in self.plugins():
            try:
                url = plugin.get_service_start_url(service)
            except Exception:
                logger.exception("Plugin %s failed in get_service_start_url", plugin.label)
                continue
            if url:
                return url
        return None

    def hand_over(self, handover: HandOver) -> str | None:
        """The tracking code of the request the first taking plugin made, or ``None``.
        Failures propagate: the caller's transaction must not pretend it was handed over."""
        for plugin in self.plugins():
            code = plugin.take_handover(handover)
            if code:
                return code
        return None

    def find_tracked(self, request, code: str, second_factor: str) -> str | None:
        """The URL of the submission another plugin opened for this code and second
        factor (e.g. a chat transcript typed into ``/track/``), or ``None``."""
        for plugin in self.plugins():
            try:
                url = plugin.find_tracked(request, code, second_factor)
            except Exception:
                logger.exception("Plugin %s failed in find_tracked", plugin.label)
                continue
            if url:
                return url
        return None

    def backup_datasets(self) -> list[BackupDataset]:
        # Backups must be complete: a failure here is an error, not something to skip.
        datasets = []
        for plugin in self.plugins():
            datasets.extend(plugin.get_backup_datasets())
        return datasets

    def verify_restored(self, sample: int) -> list[RestoreCheck]:
        # A drill must see every failure: nothing is skipped here either.
        checks = []
        for plugin in self.plugins():
            checks.extend(plugin.verify_restored(sample))
        return checks

    def setup_portal(self, stdout) -> None:
        # A real site must be complete: a failing plugin stops the setup (and its
        # transaction), it is not skipped.
        for plugin in self.plugins():
            stdout.write(f"- plugin {plugin.label}")
            plugin.setup_portal(stdout)


registry = PluginRegistry()
