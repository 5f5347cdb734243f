"""What editors change in the working calendar: office hours and calendar days."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from cms.i18n import Weekday
from cms.jalali import format_date
from cms.working_calendar import DEFAULT_WEEK

from ..enums import CalendarDayKind

# (field prefix, weekday number, label) in the Iranian week's order.
WEEKDAY_FIELDS = tuple((day.key, day.value, day.label) for day in Weekday)


def _opens(weekday):
    hours = DEFAULT_WEEK[weekday]
    return hours[0] if hours else None


def _closes(weekday):
    hours = DEFAULT_WEEK[weekday]
    return hours[1] if hours else None


def _time_field(label, default):
    return models.TimeField(label, null=True, blank=True, default=default)


@register_setting(icon="date")
class WorkingCalendarSettings(BaseGenericSetting):
    """Office hours of each weekday; a day without hours is closed."""

    saturday_opens = _time_field(_("opens"), _opens(5))
    saturday_closes = _time_field(_("closes"), _closes(5))
    sunday_opens = _time_field(_("opens"), _opens(6))
    sunday_closes = _time_field(_("closes"), _closes(6))
    monday_opens = _time_field(_("opens"), _opens(0))
    monday_closes = _time_field(_("closes"), _closes(0))
    tuesday_opens = _time_field(_("opens"), _opens(1))
    tuesday_closes = _time_field(_("closes"), _closes(1))
    wednesday_opens = _time_field(_("opens"), _opens(2))
    wednesday_closes = _time_field(_("closes"), _closes(2))
    thursday_opens = _time_field(_("opens"), _opens(3))
    thursday_closes = _time_field(_("closes"), _closes(3))
    friday_opens = _time_field(_("opens"), _opens(4))
    friday_closes = _time_field(_("closes"), _closes(4))
    use_official_holidays = models.BooleanField(
        _("use Iran's official holidays"),
        default=True,
        help_text=_(
            "Solar and lunar official holidays are closed days. Lunar dates are estimates: "
            "correct them under Calendar days when the official announcement differs."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel(f"{prefix}_opens"), FieldPanel(f"{prefix}_closes")],
                    heading=label,
                )
                for prefix, _number, label in WEEKDAY_FIELDS
            ],
            heading=_("Office hours"),
            help_text=_("Leave both times empty on a day the offices are closed."),
        ),
        FieldPanel("use_official_holidays"),
    ]

    class Meta:
        verbose_name = _("working calendar")

    def clean(self):
        super().clean()
        errors = {}
        for prefix, _number, _label in WEEKDAY_FIELDS:
            opens = getattr(self, f"{prefix}_opens")
            closes = getattr(self, f"{prefix}_closes")
            if (opens is None) != (closes is None):
                errors[f"{prefix}_closes"] = _("Give both times, or neither for a closed day.")
            elif opens is not None and closes <= opens:
                errors[f"{prefix}_closes"] = _("Closing time must be after opening time.")
        if errors:
            raise ValidationError(errors)
        if not any(getattr(self, f"{prefix}_opens") for prefix, _n, _l in WEEKDAY_FIELDS):
            raise ValidationError(_("At least one day of the week must be a working day."))

    def week(self) -> dict[int, tuple[dt.time, dt.time] | None]:
        week = {}
        for prefix, number, _label in WEEKDAY_FIELDS:
            opens = getattr(self, f"{prefix}_opens")
            closes = getattr(self, f"{prefix}_closes")
            week[number] = (opens, closes) if opens and closes and opens < closes else None
        return week


class CalendarDayQuerySet(models.QuerySet):
    def days_of_year(self, year: int) -> tuple[dict[dt.date, str], set[dt.date]]:
        """(closed days with their names, working days) of a Gregorian year."""
        closed, working = {}, set()
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        for day in self.filter(date__range=(start, end)):
            if day.kind == CalendarDayKind.HOLIDAY:
                closed[day.date] = day.name
            else:
                working.add(day.date)
        return closed, working


class CalendarDay(models.Model):
    """A date editors add to the calendar: an extra holiday, or a working day."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=CalendarDayKind.choices, default=CalendarDayKind.HOLIDAY
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("e.g. the occasion, or why offices open.")
    )

    objects = CalendarDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self):
        return f"{format_date(self.date)}: {self.name}"


def editors_calendar() -> dict:
    """The keyword arguments of :meth:`cms.working_calendar.WorkingCalendar.load`: the working
    week and official holidays as editors set them, and their calendar days."""
    config = WorkingCalendarSettings.load()
    return {
        "week": config.week(),
        "use_official_holidays": config.use_official_holidays,
        "loader": CalendarDay.objects.days_of_year,
    }
