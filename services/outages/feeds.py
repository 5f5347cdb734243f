"""RSS and Atom feeds of notices (maintenance included), and an iCalendar feed of
planned maintenance, for calendars that subscribe to it."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.db.models import Count, Max
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control

from cms.i18n import current_language

from . import conf, ical
from .enums import NoticeKind, NoticeState
from .models import OutageNotice

FEED_ITEMS = 30
CALENDAR_PAST_DAYS = 90
# Feeds may be cached by browsers and proxies, but not for more than a minute.
FEED_MAX_AGE = 60


def feed_notices(limit: int = FEED_ITEMS):
    return (
        OutageNotice.objects.published()
        .annotate(last_activity=Coalesce(Max("updates__posted_at"), "last_published_at"))
        .order_by("-last_activity", "-pk")
        .prefetch_related("services", "updates")[:limit]
    )


class NoticeRSSFeed(Feed):
    description_template = "outages/feeds/item_description.html"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, max_age=FEED_MAX_AGE, public=True)
        return response

    def title(self):
        return _("Service status: outages and maintenance")

    def link(self):
        return reverse("outages:index")

    def description(self):
        return _("Outages and planned maintenance of the university's online services.")

    def items(self):
        return feed_notices()

    def item_title(self, item):
        kind = NoticeKind(item.kind).label
        state = NoticeState(item.state).label
        return f"{kind}: {item.display_title} ({state})"

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"outage-notice-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_activity

    def item_categories(self, item):
        return [NoticeKind(item.kind).label]


class NoticeAtomFeed(NoticeRSSFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


def calendar_events(now: dt.datetime, host: str) -> list[ical.Event]:
    notices = (
        OutageNotice.objects.published()
        .filter(kind=NoticeKind.MAINTENANCE)
        .overlapping(now - dt.timedelta(days=CALENDAR_PAST_DAYS))
        .annotate(
            revision_count=Count("_revisions", distinct=True),
            update_count=Count("updates", distinct=True),
            last_update_at=Max("updates__posted_at"),
        )
        .prefetch_related("services")
        .order_by("starts_at", "pk")
    )
    events = []
    for notice in notices:
        end = notice.ended_at or notice.expected_end or notice.starts_at + dt.timedelta(hours=1)
        services = (
            _("The whole portal")
            if notice.whole_portal
            else "، ".join(s.display_title for s in notice.services.all())
        )
        description_parts = [
            _("Affected: %(services)s") % {"services": services},
            _("State: %(state)s") % {"state": NoticeState(notice.state).label},
            notice.display_initial_message,
        ]
        if notice.is_urgent:
            description_parts.insert(0, _("Urgent maintenance: announced at short notice."))
        modified = max(t for t in (notice.last_published_at, notice.last_update_at) if t)
        url = conf.base_url() + notice.get_absolute_url()
        events.append(
            ical.Event(
                uid=f"outage-notice-{notice.pk}@{host}",
                start=notice.starts_at,
                end=end,
                summary=_("Planned maintenance: %(title)s") % {"title": notice.display_title},
                description="\n".join(description_parts),
                url=url,
                stamp=modified,
                last_modified=modified,
                sequence=notice.revision_count + notice.update_count,
                categories=(str(gettext_lazy("Planned maintenance")),),
            )
        )
    return events


@cache_control(max_age=FEED_MAX_AGE, public=True)
def maintenance_calendar(request):
    now = timezone.now()
    host = urlsplit(conf.base_url()).hostname or request.get_host().split(":")[0]
    body = ical.calendar(
        calendar_events(now, host),
        prodid=f"-//{host}//outages//{current_language().upper()}",
        name=_("Planned maintenance"),
        description=_("Planned maintenance of the university's online services."),
        now=now,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="maintenance.ics"'
    return response
