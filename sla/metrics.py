"""Live figures of a service, as the installed plugins report them.

The sla app never imports a plugin: it asks ``cms.plugins.registry.sla_metrics`` for the
figures of a service code over a period, and shows what comes back (``SLAMetric`` items,
``value`` ``None`` meaning "no data yet").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cms.plugins import SLAMetric, registry

DEFAULT_PERIOD_DAYS = 365


@dataclass(frozen=True)
class ServiceFigures:
    start: dt.datetime
    end: dt.datetime
    metrics: list[SLAMetric]

    @property
    def last_day(self) -> dt.date:
        """The period's last day, in Tehran: ``end`` itself is exclusive."""
        return timezone.localtime(self.end - dt.timedelta(microseconds=1)).date()

    @property
    def has_data(self) -> bool:
        return any(metric.has_data for metric in self.metrics)


def metrics_period(service, now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    """The period the card's figures cover: the statement's period, up to now.

    Without a statement (or with one that starts in the future), the last year.
    """
    now = now or timezone.now()
    statement = service.sla_statement
    if statement is not None and statement.valid_until:
        start, end = statement.period()
        end = min(end, now)
        if start < end:
            return start, end
    return now - dt.timedelta(days=DEFAULT_PERIOD_DAYS), now


def service_figures(service, now: dt.datetime | None = None) -> ServiceFigures:
    start, end = metrics_period(service, now)
    return ServiceFigures(start, end, registry.sla_metrics(service.code, start, end))
