"""Demo meeting hours: structured slots read from the demo officials' meeting times."""

from __future__ import annotations

import datetime as dt
import re

from cms.text import to_ascii_digits
from sitepages.models import Official

from .models import MeetingHours

PERSIAN_WEEKDAYS = {
    "شنبه": 5,
    "یکشنبه": 6,
    "دوشنبه": 0,
    "سه‌شنبه": 1,
    "چهارشنبه": 2,
    "پنجشنبه": 3,
}
# The demo officials' meeting times read "دوشنبه‌ها ساعت ۹ تا ۱۱".
MEETING_TIMES = re.compile(r"^(\S+?)\u200cها ساعت (\d+) تا (\d+)$")


def load_meeting_hours(stdout):
    """Structured meeting hours for the demo officials who receive citizens, read from
    their meeting times (only for officials that have none yet)."""
    created = 0
    officials = Official.objects.filter(
        accepts_meetings=True, page__locale__language_code="fa", meeting_hours__isnull=True
    )
    for official in officials:
        found = MEETING_TIMES.match(to_ascii_digits(official.meeting_times or "").strip())
        if not found or found.group(1) not in PERSIAN_WEEKDAYS:
            continue
        MeetingHours.objects.create(
            official=official,
            weekday=PERSIAN_WEEKDAYS[found.group(1)],
            starts=dt.time(int(found.group(2))),
            ends=dt.time(int(found.group(3))),
        )
        created += 1
    stdout.write(f"  desk: {created} meeting hours created")
