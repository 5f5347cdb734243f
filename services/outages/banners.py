"""The site-wide banner: active outages (strong) and maintenance within the next hours
(calm), each linking to its notice and dismissible by the visitor, per notice."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import jalali
from cms.formatting import jdatetime, jtime
from cms.i18n import is_english
from cms.plugins import Banner

from . import conf
from .caching import cached
from .enums import Impact, NoticeKind
from .models import OutageNotice

FIELDS = (
    "pk",
    "kind",
    "title",
    "title_en",
    "impact",
    "starts_at",
    "expected_end",
    "is_urgent",
)


def banner_notices(now: dt.datetime) -> list[dict]:
    """Published, open notices that start before the banner's horizon, as plain data.

    The horizon reaches a cache lifetime further, so that maintenance entering the
    window while the list is cached is already in it.
    """
    horizon = now + dt.timedelta(hours=conf.banner_hours(), seconds=conf.cache_seconds())
    queryset = (
        OutageNotice.objects.published()
        .open()
        .filter(starts_at__lte=horizon)
        .order_by("starts_at", "pk")
        .values(*FIELDS)
    )
    return list(queryset)


def format_range(start: dt.datetime, end: dt.datetime | None) -> str:
    if end is None:
        return jdatetime(start)
    if jalali.to_local(start).date() == jalali.to_local(end).date():
        return _("%(start)s to %(end)s") % {"start": jdatetime(start), "end": jtime(end)}
    return _("%(start)s to %(end)s") % {"start": jdatetime(start), "end": jdatetime(end)}


def banner_for(notice: dict, now: dt.datetime) -> Banner | None:
    title = notice["title_en"] if is_english() and notice["title_en"] else notice["title"]
    url = reverse("outages:notice", args=[notice["pk"]])
    started = notice["starts_at"] <= now
    if notice["kind"] == NoticeKind.OUTAGE:
        if not started:
            return None
        message = _("%(impact)s: %(title)s (since %(start)s).") % {
            "impact": Impact(notice["impact"]).label,
            "title": title,
            "start": jdatetime(notice["starts_at"]),
        }
        return Banner(f"outage-{notice['pk']}-active", message, url, "critical", True, order=10)
    if started:
        if notice["expected_end"]:
            message = _("Maintenance in progress: %(title)s, expected to end %(end)s.") % {
                "title": title,
                "end": jdatetime(notice["expected_end"]),
            }
        else:
            message = _("Maintenance in progress: %(title)s.") % {"title": title}
        return Banner(f"outage-{notice['pk']}-active", message, url, "info", True, order=20)
    if notice["starts_at"] > now + dt.timedelta(hours=conf.banner_hours()):
        return None
    if notice["is_urgent"]:
        template = _("Urgent maintenance: %(title)s, %(when)s.")
    else:
        template = _("Planned maintenance: %(title)s, %(when)s.")
    message = template % {
        "title": title,
        "when": format_range(notice["starts_at"], notice["expected_end"]),
    }
    return Banner(f"outage-{notice['pk']}-upcoming", message, url, "info", True, order=30)


def banners(request=None, now: dt.datetime | None = None) -> list[Banner]:
    now = now or timezone.now()
    notices = cached("banner-notices", lambda: banner_notices(now))
    items = [banner for notice in notices if (banner := banner_for(notice, now))]
    return sorted(items, key=lambda banner: banner.order)
