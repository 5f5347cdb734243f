"""The 90-day history of the status page, grouped and told in words.

Services whose 90 days look the same (same status now, same level and downtime every
day) share one group: one sentence that sums the days up, one decorative strip drawn
as a single CSS gradient, and one table of the days that had problems behind a
disclosure. A portal-wide outage or a calm quarter then costs one group, not one
history per service, so the page stays small with hundreds of services.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from .availability import LEVEL_MAINTENANCE, LEVEL_NO_DATA, LEVEL_OK, DayBar
from .enums import IMPACT_SEVERITY, Impact, ServiceStatus

# Summary order: the worst first, then the calm days.
SUMMARY_LEVELS = (
    Impact.MAJOR,
    Impact.PARTIAL,
    Impact.DEGRADED,
    LEVEL_MAINTENANCE,
    LEVEL_OK,
    LEVEL_NO_DATA,
)
STATUS_ORDER = {
    ServiceStatus.MAJOR: 0,
    ServiceStatus.PARTIAL: 1,
    ServiceStatus.DEGRADED: 2,
    ServiceStatus.MAINTENANCE: 3,
    ServiceStatus.OPERATIONAL: 4,
}


@dataclass
class ProblemDay:
    """A day that had an outage or maintenance, for the table behind the disclosure."""

    day: dt.date
    level: str
    downtime: dt.timedelta
    notices: list = field(default_factory=list)


@dataclass
class HistoryGroup:
    """Services that share one 90-day history."""

    status: str
    bars: list[DayBar]
    availability_short: Decimal | None
    availability_long: Decimal | None
    rows: list = field(default_factory=list)
    problem_days: list[ProblemDay] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.rows[0].key

    @property
    def status_label(self) -> str:
        return ServiceStatus(self.status).label

    @property
    def is_calm(self) -> bool:
        """Operating now and nothing happened in the 90 days."""
        return self.status == ServiceStatus.OPERATIONAL and not self.problem_days

    @property
    def day_counts(self) -> list[tuple[str, int]]:
        """(level, number of days) for every level that occurred, the worst first."""
        counts = Counter(bar.level for bar in self.bars)
        return [(level, counts[level]) for level in SUMMARY_LEVELS if counts[level]]

    @property
    def downtime(self) -> dt.timedelta:
        return sum((day.downtime for day in self.problem_days), dt.timedelta())

    @property
    def strip(self) -> str:
        """The colour stops of the decorative strip: one per run of days of one level."""
        total = len(self.bars)
        if not total:
            return ""
        stops = []
        start = 0
        for index in range(1, total + 1):
            if index == total or self.bars[index].level != self.bars[start].level:
                stops.append(
                    f"var(--day-{self.bars[start].level}) "
                    f"{start * 100 / total:.2f}% {index * 100 / total:.2f}%"
                )
                start = index
        return ",".join(stops)


def signature(row) -> tuple:
    return (
        row.status,
        row.availability_short,
        row.availability_long,
        tuple((bar.level, bar.downtime) for bar in row.bars),
    )


def problem_days(bars: list[DayBar], notices_by_id: dict) -> list[ProblemDay]:
    """The days that were neither calm nor unmeasured, newest first."""
    days = [
        ProblemDay(
            day=bar.day,
            level=bar.level,
            downtime=bar.downtime,
            notices=[notices_by_id[pk] for pk in bar.notice_ids if pk in notices_by_id],
        )
        for bar in bars
        if bar.level not in (LEVEL_OK, LEVEL_NO_DATA)
    ]
    days.reverse()
    return days


def group_rows(rows: list, notices_by_id: dict) -> list[HistoryGroup]:
    """The rows grouped by identical history; the portal's own row always first."""
    groups: dict[tuple, HistoryGroup] = {}
    for row in rows:
        key = signature(row)
        group = groups.get(key)
        if group is None:
            group = groups[key] = HistoryGroup(
                status=row.status,
                bars=row.bars,
                availability_short=row.availability_short,
                availability_long=row.availability_long,
                problem_days=problem_days(row.bars, notices_by_id),
            )
        group.rows.append(row)
    first = rows[0] if rows else None

    def order(group: HistoryGroup):
        worst = max((IMPACT_SEVERITY.get(day.level, 0) for day in group.problem_days), default=0)
        return (
            group.rows[0] is not first,
            STATUS_ORDER.get(group.status, 9),
            -worst,
            -len(group.problem_days),
        )

    return sorted(groups.values(), key=order)
