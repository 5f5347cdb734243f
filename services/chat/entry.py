"""What the chat shows outside its pages: the home tile and the menu entry (telling the
truth about who is online), and the door from the desk's ``/track/``."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from cms.formatting import jdatetime
from cms.i18n import list_separator
from cms.plugins import HomeTile, MenuEntry

from . import domain
from .track import open_transcript
from .views import active_locale


def availability_text() -> str:
    units = domain.chat_units(active_locale())
    if not units:
        return ""
    online = [unit.title for unit, count in units if count]
    if online:
        return _("Online now: %(units)s.") % {"units": list_separator().join(online)}
    opening = domain.next_office_opening()
    if opening is not None:
        return _(
            "No official is online now; office hours resume %(when)s. "
            "You can send a request instead."
        ) % {"when": jdatetime(opening)}
    return _("No official is online now. You can send a request instead.")


def home_tiles(request) -> list[HomeTile]:
    text = availability_text()
    if not text:
        return []
    return [
        HomeTile(
            _("Live chat with officials"),
            text,
            reverse("chat:hub"),
            icon="chat",
            order=10,
            live_url=reverse("chat:api_status"),
        )
    ]


def menu_entries(request) -> list[MenuEntry]:
    if not domain.chat_unit_ids():
        return []
    return [MenuEntry(_("Live chat"), reverse("chat:hub"), order=10)]


def find_tracked(request, code, second_factor) -> str | None:
    chat = domain.find_by_code(code, second_factor)
    if chat is None:
        return None
    return reverse(open_transcript(request, chat))
