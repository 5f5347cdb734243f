import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from cms.jalali import format_date, format_datetime, parse_date

UTC = dt.UTC


def render(source, **context):
    return Template(source).render(Context(context))


def test_long_and_short_jalali_dates():
    day = dt.date(2022, 3, 20)  # 29 Esfand 1400
    assert format_date(day) == "۲۹ اسفند ۱۴۰۰"
    assert format_date(day, "short") == "۱۴۰۰/۱۲/۲۹"
    assert format_date(day, "full") == "یکشنبه ۲۹ اسفند ۱۴۰۰"


def test_datetimes_are_shown_in_tehran_time():
    # 21:00 UTC on 20 March 2022 is already 1 Farvardin 1401 in Tehran (+03:30).
    moment = dt.datetime(2022, 3, 20, 21, 0, tzinfo=UTC)
    assert format_datetime(moment) == "۱ فروردین ۱۴۰۱، ساعت ۰۰:۳۰"
    assert format_datetime(moment, "short") == "۱۴۰۱/۰۱/۰۱ ۰۰:۳۰"


def test_filters_on_persian_pages_give_jalali_and_persian_digits():
    moment = dt.datetime(2022, 3, 20, 10, 0, tzinfo=UTC)
    with translation.override("fa"):
        out = render(
            "{{ d|jdate }}|{{ d|jdate:'short' }}|{{ d|jdatetime }}|{{ n|fa_digits }}|{{ f|fa_number }}",
            d=moment,
            n=2050,
            f=1250000,
        )
    assert out == "۲۹ اسفند ۱۴۰۰|۱۴۰۰/۱۲/۲۹|۲۹ اسفند ۱۴۰۰، ساعت ۱۳:۳۰|۲۰۵۰|۱٬۲۵۰٬۰۰۰"


def test_filters_on_english_pages_give_gregorian_and_latin_digits():
    moment = dt.datetime(2022, 3, 20, 10, 0, tzinfo=UTC)
    with translation.override("en"):
        out = render(
            "{{ d|jdate }}|{{ d|jdate:'short' }}|{{ d|jdatetime }}|{{ n|fa_digits }}|{{ f|fa_number }}",
            d=moment,
            n=2050,
            f=1250000,
        )
    assert out == "20 March 2022|2022-03-20|20 March 2022, 13:30|2050|1,250,000"


def test_empty_values_render_nothing():
    with translation.override("fa"):
        assert render("[{{ d|jdate }}{{ d|jdatetime }}{{ d|fa_digits }}]", d=None) == "[]"


@pytest.mark.parametrize("typed", ["1400/12/29", "۱۴۰۰/۱۲/۲۹", "١٤٠٠-١٢-٢٩"])
def test_jalali_dates_typed_any_way_are_parsed(typed):
    assert parse_date(typed) == dt.date(2022, 3, 20)


@pytest.mark.parametrize("typed", ["1400/12/31", "1400/13/01", "yesterday", "1400/12"])
def test_impossible_jalali_dates_are_refused(typed):
    with pytest.raises(ValueError):
        parse_date(typed)


def test_naive_times_are_taken_as_local():
    local = dt.datetime(2022, 3, 20, 8, 5)
    assert format_datetime(local, "short") == "۱۴۰۰/۱۲/۲۹ ۰۸:۰۵"
    aware = local.replace(tzinfo=ZoneInfo("Asia/Tehran"))
    assert format_datetime(aware, "short") == "۱۴۰۰/۱۲/۲۹ ۰۸:۰۵"
