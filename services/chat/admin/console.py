"""The officials' chat console in the Wagtail admin, and its HTTP fallback.

``ConsoleView`` renders the console (``chat/admin/console.html``; its script,
``chat/console.js``, speaks the staff socket's protocol). ``PollView`` and ``FrameView``
carry the same frames over plain HTTP when the socket cannot connect: a GET returns
what the socket would have pushed, a POST does what a frame asks (CSRF-protected, as
every admin POST). Only chat officials (and superusers) get any of it; every chat is
fenced to the official's units by the domain API."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms import ratelimit

from .. import conf, domain
from ..models import CannedReply, ChatMembership
from . import frames


def idle_minutes() -> int:
    """Minutes without a key or a mouse move after which the console sets itself away."""
    return int(getattr(settings, "CHAT_CONSOLE_IDLE_MINUTES", 10))


def console_text() -> dict:
    """The console script's words, translated here (the script has no catalogue)."""
    return {
        "available": _("Available"),
        "away": _("Away"),
        "load": _("Chats: %(load)s of %(capacity)s"),
        "capacity_range": _("Capacity is a number from 1 to 20."),
        "idle_away": _("You were set away after a while without activity."),
        "new_chat": _("A citizen is waiting for a chat"),
        "title_waiting": _("waiting for a chat"),
        "accept": _("Accept"),
        "note": _("Internal note"),
        "closed": _("The chat is over. Its tracking code: %(code)s"),
        "converted": _("Continued as a request with tracking code %(code)s"),
        "confirm_end": _("End this chat?"),
        "confirm_convert": _("Continue this chat as a service desk request in the unit's queue?"),
        "transfer_choose": _("Choose a unit or a colleague."),
        "transfer_units": _("Units"),
        "transfer_colleagues": _("Colleagues"),
        "status_live": _("Connected"),
        "status_polling": _("Connected (without WebSocket: checking every few seconds)"),
        "status_reconnecting": _("Connection lost; reconnecting…"),
        "status_offline": _("No connection; retrying…"),
        "status_closed": _("The connection was closed. Reload the page."),
    }


def console_config(user) -> dict:
    unit_ids = domain.unit_ids_of(user)
    canned: dict[int, list] = {}
    for reply in CannedReply.objects.for_units(unit_ids).order_by("unit_id", "sort_order", "title"):
        canned.setdefault(reply.unit_id, []).append({"title": reply.title, "body": reply.body})
    colleagues: dict[int, dict] = {}
    memberships = (
        ChatMembership.objects.active_users()
        .filter(unit_id__in=unit_ids)
        .select_related("user")
        .order_by("user__first_name", "user__username")
    )
    for membership in memberships:
        person = membership.user
        entry = colleagues.setdefault(
            person.pk,
            {"id": person.pk, "name": person.get_full_name() or person.get_username(), "units": []},
        )
        entry["units"].append(membership.unit_id)
    return {
        "user": user.pk,
        "units": unit_ids,
        "socketPath": "/ws/chat/staff/",
        "pollUrl": reverse("chat_console_poll"),
        "frameUrl": reverse("chat_console_frame"),
        "socketTimeoutMs": conf.socket_connect_timeout_ms(),
        "pollIntervalMs": conf.poll_interval_ms(),
        "pingMs": 20000,
        "idleMinutes": idle_minutes(),
        "canned": canned,
        "colleagues": list(colleagues.values()),
        "transferUnits": [{"id": unit.pk, "title": unit.title} for unit, _n in domain.chat_units()],
        "text": console_text(),
    }


class OfficialOnlyMixin:
    """Chat officials of some unit, and superusers; everyone else gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not domain.is_official(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class ConsoleView(OfficialOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "chat/admin/console.html"
    page_title = gettext_lazy("Chat console")
    header_icon = "comment"

    def get_breadcrumbs_items(self):
        # No trail: the full header with the console's own title.
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["config"] = console_config(self.request.user)
        context["max_length"] = conf.max_message_length()
        return context


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store, private"
    return response


def _bad(message=None):
    return _json(
        {
            "error": {
                "code": "invalid",
                "message": str(message or _("The request could not be read.")),
            }
        },
        status=400,
    )


@method_decorator(never_cache, name="dispatch")
class PollView(OfficialOnlyMixin, View):
    """GET ``?open=<chat>:<last seq>,...``: the welcome snapshot, and each opened chat's
    state and messages after the number given. Any other parameter is a 400."""

    http_method_names = ["get"]

    def get(self, request):
        if set(request.GET) - {"open"} or len(request.GET.getlist("open")) > 1:
            return _bad()
        try:
            opened = frames.parse_open(request.GET.get("open", ""))
        except frames.BadFrame:
            return _bad()
        return _json({"frames": frames.poll(request.user, opened)})


@method_decorator(never_cache, name="dispatch")
class FrameView(OfficialOnlyMixin, View):
    """POST one frame of the staff protocol as JSON; answered by ``{"frames": [...]}``."""

    http_method_names = ["post"]

    def post(self, request):
        if len(request.body) > conf.max_frame_bytes():
            return _json(
                {"error": {"code": "too_large", "message": _("This message is too long.")}},
                status=413,
            )
        try:
            frame = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return _bad()
        if not isinstance(frame, dict):
            return _bad()
        if not ratelimit.hit_key(
            "chat-staff-frames", str(request.user.pk), conf.frames_per_minute(), 60
        ):
            return _json(
                {"error": {"code": "rate_limited", "message": str(domain.TooMany.default_message)}},
                status=429,
            )
        try:
            return _json({"frames": frames.dispatch(request.user, frame)})
        except frames.BadFrame:
            return _bad()
