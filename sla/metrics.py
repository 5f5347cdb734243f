"""Live figures of a service, as the installed plugins report them.

The sla app never imports a plugin: it asks ``cms.plugins.registry.sla_metrics`` for the
figures of a service code over a period, and shows what comes back (``SLAMetric`` items,
``value`` ``None`` meaning "no data yet").

Which period: the service's SLA statement's, up to now, when the service has figures
in it; otherwise (no statement, one that has not started, or an old statement's period
before the portal took requests) the last :data:`RECENT_DAYS` days. The card says which.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cms.plugins import SLAMetric, registry

RECENT_DAYS = 90
# Kept for callers of the first version; the fallback period is now RECENT_DAYS.
DEFAULT_PERIOD_DAYS = RECENT_DAYS

STATEMENT, RECENT = "statement", "recent"


@dataclass(frozen=True)
class ServiceFigures:
    start: dt.datetime
    end: dt.datetime
    metrics: list[SLAMetric]
    # STATEMENT: over the statement's period; RECENT: over the last RECENT_DAYS days.
    basis: str = STATEMENT
    # Over the last days because the statement's period had no figures (not because
    # there is no statement).
    statement_without_data: bool = False

    @property
    def last_day(self) -> dt.date:
        """The period's last day, in Tehran: ``end`` itself is exclusive."""
        return timezone.localtime(self.end - dt.timedelta(microseconds=1)).date()

    @property
    def has_data(self) -> bool:
        return any(metric.has_data for metric in self.metrics)

    @property
    def is_recent(self) -> bool:
        return self.basis == RECENT

    @property
    def days(self) -> int:
        return RECENT_DAYS


def statement_period(service, now: dt.datetime) -> tuple[dt.datetime, dt.datetime] | None:
    """The statement's period up to ``now``, or ``None`` without a statement that has
    started."""
    statement = service.sla_statement
    if statement is None or not statement.valid_until:
        return None
    start, end = statement.period()
    end = min(end, now)
    return (start, end) if start < end else None


def recent_period(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    return now - dt.timedelta(days=RECENT_DAYS), now


def metrics_period(service, now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    """The statement's period up to now; without one, the last :data:`RECENT_DAYS` days
    (:func:`service_figures` also falls back when the statement's period is empty)."""
    now = now or timezone.now()
    return statement_period(service, now) or recent_period(now)


def service_figures(service, now: dt.datetime | None = None) -> ServiceFigures:
    now = now or timezone.now()
    period = statement_period(service, now)
    if period is not None:
        figures = ServiceFigures(*period, registry.sla_metrics(service.code, *period))
        if figures.has_data:
            return figures
    start, end = recent_period(now)
    return ServiceFigures(
        start,
        end,
        registry.sla_metrics(service.code, start, end),
        basis=RECENT,
        statement_without_data=period is not None,
    )
