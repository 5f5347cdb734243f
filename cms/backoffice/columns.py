"""Listing columns staff read in the plugins' back offices, written once.

``list_display`` of a modeladmin takes these callables like method names: each has its
heading (``short_description``) and sorts by its field (``admin_order_field``).

* :func:`jalali_column`: a date or time in Jalali, Tehran time, Persian digits on
  Persian pages (``۹ آذر ۱۴۰۵، ساعت ۱۰:۳۰``), never Django's «30 نوامبر 2026».
* :func:`tracking_code_column`: a tracking code grouped and isolated left to right, so
  1949-4361-4517 never reads 4517-4361-1949 in a right-to-left table.
"""

from __future__ import annotations

import datetime as dt
from operator import attrgetter

from django.utils.html import format_html

from cms.formatting import jdate, jdatetime
from cms.tracking import format_tracking_code


def jalali_column(field: str, heading, *, style: str = "short"):
    """A column showing ``obj.<field>`` (dots follow relations) as a Jalali date/time."""
    read = attrgetter(field)

    def column(obj):
        value = read(obj)
        if value is None:
            return "—"
        if isinstance(value, dt.datetime):
            return jdatetime(value, style)
        return jdate(value, style)

    column.short_description = heading
    column.admin_order_field = field.replace(".", "__")
    column.__name__ = f"{field.replace('.', '_')}_jalali"
    return column


def tracking_code_column(field: str, heading):
    """A column showing the tracking code at ``obj.<field>`` isolated left to right."""
    read = attrgetter(field)

    def column(obj):
        code = read(obj)
        if not code:
            return "—"
        return format_html(
            '<bdi dir="ltr" class="tracking-code">{}</bdi>', format_tracking_code(code)
        )

    column.short_description = heading
    column.admin_order_field = field.replace(".", "__")
    column.__name__ = f"{field.replace('.', '_')}_code"
    return column
