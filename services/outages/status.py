"""What the status page shows, computed in a fixed number of queries.

One query for the services (with their SLA statements), one for every notice the
longest period needs (with their services and timelines prefetched: two more), then
everything else in Python, whatever the number of services, notices or days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField

from cms import jalali, pagecache
from sla.models import Service, ServiceCatalogPage, SLAStatementPage

from . import conf
from .availability import DayBar, Segment, availability, clip, day_bars, last_days, window
from .caching import cached
from .enums import IMPACT_SEVERITY, ServiceStatus
from .history import HistoryGroup, group_rows
from .models import OutageNotice

DAYS = 90
SHORT_DAYS = 30
PORTAL_KEY = "portal"
# How long the status page reuses a board (and its rendered history).
BOARD_SECONDS = 60


@dataclass
class ServiceRow:
    key: str
    title: str
    url: str = ""
    service: object | None = None  # a ServiceEntry
    status: str = ServiceStatus.OPERATIONAL
    bars: list[DayBar] = field(default_factory=list)
    availability_short: Decimal | None = None
    availability_long: Decimal | None = None
    statement: object | None = None
    statement_start: dt.datetime | None = None
    statement_end: dt.datetime | None = None
    availability_statement: Decimal | None = None
    target: Decimal | None = None
    active_notices: list[OutageNotice] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return ServiceStatus(self.status).label

    @property
    def is_operational(self) -> bool:
        return self.status == ServiceStatus.OPERATIONAL

    @property
    def statement_last_day(self) -> dt.datetime | None:
        """The last moment the figure covers (the period's end is exclusive)."""
        if self.statement_end is None:
            return None
        return self.statement_end - dt.timedelta(microseconds=1)

    @property
    def target_met(self) -> bool | None:
        if self.availability_statement is None or self.target is None:
            return None
        return self.availability_statement >= self.target


@dataclass
class StatusBoard:
    now: dt.datetime
    days: list[dt.date]
    rows: list[ServiceRow]
    active: list[OutageNotice]
    upcoming: list[OutageNotice]
    count_maintenance: bool
    since: dt.datetime | None = None
    groups: list[HistoryGroup] = field(default_factory=list)
    # When an announced notice starts, i.e. when the board changes without an edit.
    changes_at: dt.datetime | None = None

    @property
    def all_operational(self) -> bool:
        return all(row.is_operational for row in self.rows)

    @property
    def headline(self) -> str:
        if self.all_operational:
            return _("All services are operating normally.")
        return _("Some services have problems right now.")


def measured_since() -> dt.datetime | None:
    """Since when availability is known: figures never claim time before it.

    ``OUTAGES_MEASURED_SINCE`` when set; otherwise when the plugin's first migration
    ran or the earliest published notice started, whichever came first. Cached.
    """

    def build():
        configured = conf.measured_since()
        if configured is not None:
            return configured
        from django.db.migrations.recorder import MigrationRecorder
        from django.db.models import Min

        installed = (
            MigrationRecorder.Migration.objects.filter(app="outages")
            .aggregate(first=Min("applied"))
            .get("first")
        )
        earliest = OutageNotice.objects.published().aggregate(first=Min("starts_at"))["first"]
        candidates = [value for value in (installed, earliest) if value is not None]
        return min(candidates) if candidates else None

    return cached("measured-since", build)


def current_status(notices: list[OutageNotice], now: dt.datetime) -> str:
    active = [notice for notice in notices if notice.is_active_at(now)]
    outages = [notice for notice in active if not notice.is_maintenance]
    if outages:
        worst = max(outages, key=lambda notice: IMPACT_SEVERITY.get(notice.impact, 0))
        return ServiceStatus(worst.impact)
    if active:
        return ServiceStatus.MAINTENANCE
    return ServiceStatus.OPERATIONAL


def statement_period(service, now: dt.datetime):
    """The SLA statement's period up to now, or None when there is none to measure."""
    statement = service.sla_statement
    if statement is None or not getattr(statement, "valid_until", None):
        return None
    start, end = statement.period()
    end = min(end, now)
    if end <= start:
        return None
    return statement, start, end


def build_row(
    row: ServiceRow, notices, segments_by_notice, now, days, zone, settings, since, shared
) -> ServiceRow:
    """Fills ``row`` from the notices that concern it. ``shared`` (a dict kept for one
    board) holds what rows with the same notices have in common, the 90 days' bars and
    the 30- and 90-day figures, so the many services that share a history (most have no
    notice at all) compute it once."""
    segments: list[Segment] = [s for n in notices for s in segments_by_notice[n.pk]]
    key = tuple(notice.pk for notice in notices)
    history = shared.get(key)
    if history is None:
        history = (
            current_status(notices, now),
            [notice for notice in notices if notice.is_active_at(now)],
            day_bars(segments, days, zone, since=since, **settings),
            availability(segments, *clip(*window(now, SHORT_DAYS, zone), since), **settings),
            availability(segments, *clip(*window(now, DAYS, zone), since), **settings),
        )
        shared[key] = history
    status, active, bars, row.availability_short, row.availability_long = history
    row.status, row.active_notices, row.bars = status, list(active), list(bars)
    if row.service is not None:
        period = statement_period(row.service, now)
        if period:
            row.statement, row.statement_start, row.statement_end = period
            row.availability_statement = availability(
                segments, *clip(row.statement_start, row.statement_end, since), **settings
            )
    return row


def earliest_needed(services: list[ServiceEntry], now: dt.datetime, zone) -> dt.datetime:
    earliest = window(now, DAYS, zone)[0]
    for service in services:
        period = statement_period(service, now)
        if period:
            earliest = min(earliest, period[1])
    return earliest


@dataclass
class ServiceEntry:
    """What the board needs of a service (read as a row: the board lists hundreds)."""

    pk: int
    code: str
    title: str
    title_en: str
    availability_target: Decimal | None
    sla_statement: object | None


def service_entries() -> list[ServiceEntry]:
    """The live services by title, each with its SLA statement (each statement read
    once, without its texts: many services share one)."""
    rows = list(
        Service.objects.live()
        .order_by("title")
        .values("pk", "code", "title", "title_en", "availability_target", "sla_statement_id")
    )
    statement_ids = {row["sla_statement_id"] for row in rows} - {None}
    long_texts = [
        field.name
        for field in SLAStatementPage._meta.concrete_fields
        if isinstance(field, (models.TextField, StreamField))
    ]
    statements = SLAStatementPage.objects.filter(pk__in=statement_ids).defer(*long_texts)
    by_id = {statement.pk: statement for statement in statements}
    return [
        ServiceEntry(
            **{key: value for key, value in row.items() if key != "sla_statement_id"},
            sla_statement=by_id.get(row["sla_statement_id"]),
        )
        for row in rows
    ]


def build_board(now: dt.datetime | None = None) -> StatusBoard:
    now = now or timezone.now()
    zone = jalali.display_zone()
    settings = {
        "count_maintenance": conf.count_maintenance(),
        "downtime_impacts": conf.downtime_impacts(),
    }
    services = service_entries()
    notices = list(
        OutageNotice.objects.published()
        .overlapping(earliest_needed(services, now, zone))
        .with_timeline()
        .order_by("starts_at", "pk")
    )
    segments_by_notice = {notice.pk: notice.segments(now) for notice in notices}
    days = last_days(now, DAYS, zone)
    since = measured_since()
    shared: dict = {}

    rows = [
        build_row(
            ServiceRow(key=PORTAL_KEY, title=str(_("The portal website"))),
            [notice for notice in notices if notice.whole_portal],
            segments_by_notice,
            now,
            days,
            zone,
            settings,
            since,
            shared,
        )
    ]
    catalog = ServiceCatalogPage.catalog_url() or ""
    affected = {notice.pk: {s.pk for s in notice.services.all()} for notice in notices}
    for service in services:
        row = ServiceRow(
            key=service.code,
            title=Service.title_in_language(service.title, service.title_en),
            url=ServiceCatalogPage.url_for_service(service, base=catalog) or "",
            service=service,
            target=service.availability_target,
        )
        relevant = [n for n in notices if n.whole_portal or service.pk in affected[n.pk]]
        rows.append(
            build_row(row, relevant, segments_by_notice, now, days, zone, settings, since, shared)
        )

    active = [notice for notice in notices if notice.is_active_at(now)]
    upcoming = [
        notice for notice in notices if notice.is_maintenance and notice.is_upcoming_at(now)
    ]
    return StatusBoard(
        now=now,
        days=days,
        rows=rows,
        groups=group_rows(rows, {notice.pk: notice for notice in notices}),
        active=sorted(active, key=lambda n: (-IMPACT_SEVERITY.get(n.impact, 0), n.starts_at)),
        upcoming=upcoming,
        count_maintenance=settings["count_maintenance"],
        since=since,
        changes_at=min(
            (notice.starts_at for notice in notices if notice.is_upcoming_at(now)), default=None
        ),
    )


def current_board() -> StatusBoard:
    """What :func:`build_board` answers now, reused for the rest of the minute.

    Kept per language under the page cache's generation, which every saved notice, notice
    update or service replaces (``cms.pagecache``), so an edit shows on the next request;
    and never past the start of an announced notice (``changes_at``): the first request
    after it builds the board afresh.
    """
    now = timezone.now()
    minute = now.replace(second=0, microsecond=0).isoformat()
    language = get_language()
    board = pagecache.cached_fragment(
        "outages-board", build_board, language, minute, "", seconds=BOARD_SECONDS
    )
    if board.changes_at is not None and board.changes_at <= now:
        started = board.changes_at.isoformat()
        board = pagecache.cached_fragment(
            "outages-board", build_board, language, minute, started, seconds=BOARD_SECONDS
        )
    return board


def service_availability(
    service: Service, start: dt.datetime, end: dt.datetime, now: dt.datetime | None = None
) -> tuple[Decimal | None, int]:
    """Availability of one service over ``[start, end)`` and how many notices counted.

    ``None`` when nothing of the period was measured (it ended before measuring began).
    """
    now = now or timezone.now()
    start, end = clip(start, min(end, now), measured_since())
    if end <= start:
        return None, 0
    notices = list(
        OutageNotice.objects.published()
        .affecting(service)
        .overlapping(start, end)
        .prefetch_related("updates")
    )
    segments = [segment for notice in notices for segment in notice.segments(now)]
    value = availability(
        segments,
        start,
        end,
        count_maintenance=conf.count_maintenance(),
        downtime_impacts=conf.downtime_impacts(),
    )
    return value, len(notices)
