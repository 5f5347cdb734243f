"""The demo university's working week: Saturday to Wednesday, 7:30 to 14:30.

The customer's SLA statement promises answers within office hours (ساعات اداری), and the
university publishes its office hours as Saturday to Wednesday, 7:30 to 14:30 (the
portal's footer, every unit page): Thursday is closed everywhere, in the calendar the
SLA clock counts with as on the unit pages. An editor's own choice is never overwritten:
only the default Thursday half-day is closed.
"""

from cms.demo import demo_loader
from cms.working_calendar import FULL_DAY, HALF_DAY

from .models import WorkingCalendarSettings

WORKING_WEEKDAYS = ("saturday", "sunday", "monday", "tuesday", "wednesday")


@demo_loader(order=12)
def load_working_week(stdout):
    config = WorkingCalendarSettings.load()
    if (config.thursday_opens, config.thursday_closes) != HALF_DAY:
        return
    config.thursday_opens = config.thursday_closes = None
    for prefix in WORKING_WEEKDAYS:
        setattr(config, f"{prefix}_opens", getattr(config, f"{prefix}_opens") or FULL_DAY[0])
        setattr(config, f"{prefix}_closes", getattr(config, f"{prefix}_closes") or FULL_DAY[1])
    config.full_clean()
    config.save()
    stdout.write("  sla: working week Saturday to Wednesday, 7:30 to 14:30 (Thursday closed)")
