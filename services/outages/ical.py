"""A small iCalendar (RFC 5545) writer: enough for a feed of maintenance windows.

Times are written in UTC (``Z``), so no VTIMEZONE is needed; text is escaped (§3.3.11);
lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character
(§3.1), which matters for Persian text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

CRLF = "\r\n"
MAX_OCTETS = 75


def escape_text(value: str) -> str:
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def format_utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Splits a content line into 75-octet pieces; continuation lines start with a space."""
    pieces = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size = " ", 1
            limit = MAX_OCTETS
        current += char
        size += width
    pieces.append(current)
    return CRLF.join(pieces)


@dataclass(frozen=True)
class Event:
    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    description: str = ""
    url: str = ""
    stamp: dt.datetime | None = None
    last_modified: dt.datetime | None = None
    sequence: int = 0
    status: str = "CONFIRMED"
    categories: tuple[str, ...] = ()

    def lines(self, now: dt.datetime) -> list[str]:
        lines = [
            "BEGIN:VEVENT",
            f"UID:{self.uid}",
            f"DTSTAMP:{format_utc(self.stamp or now)}",
            f"DTSTART:{format_utc(self.start)}",
            f"DTEND:{format_utc(self.end)}",
            f"SUMMARY:{escape_text(self.summary)}",
        ]
        if self.description:
            lines.append(f"DESCRIPTION:{escape_text(self.description)}")
        if self.url:
            lines.append(f"URL:{self.url}")
        if self.categories:
            lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in self.categories))
        if self.last_modified:
            lines.append(f"LAST-MODIFIED:{format_utc(self.last_modified)}")
        lines += [f"SEQUENCE:{self.sequence}", f"STATUS:{self.status}", "TRANSP:OPAQUE"]
        lines.append("END:VEVENT")
        return lines


def calendar(
    events: Iterable[Event],
    *,
    prodid: str,
    name: str = "",
    description: str = "",
    now: dt.datetime | None = None,
) -> str:
    now = now or dt.datetime.now(dt.UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{prodid}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    if description:
        lines.append(f"X-WR-CALDESC:{escape_text(description)}")
    for event in events:
        lines += event.lines(now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
