"""One way to ask the page's language, one list of weekdays, and the formatting
functions behind the template filters (same output from Python and from templates)."""

import datetime as dt

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from cms import formatting
from cms.i18n import (
    PERSIAN_WEEKDAY_NAMES,
    WEEK_ORDER,
    Weekday,
    current_language,
    is_english,
    is_persian,
    weekday_choices,
)
from cms.jalali import WEEKDAYS, format_date


def test_current_language_drops_the_region_and_defaults_to_persian():
    assert current_language() == "fa" and is_persian()
    with translation.override("en-us"):
        assert current_language() == "en" and is_english()
    with translation.override(None):
        assert current_language() == "fa"


def test_the_request_language_comes_first():
    request = RequestFactory().get("/en/")
    request.LANGUAGE_CODE = "en"
    assert current_language(request) == "en"
    assert current_language() == "fa"


def test_one_week_saturday_first_with_persian_and_english_names():
    assert WEEK_ORDER == (5, 6, 0, 1, 2, 3, 4)
    assert Weekday(5).key == "saturday"
    assert [PERSIAN_WEEKDAY_NAMES[day] for day in WEEK_ORDER][:2] == ["شنبه", "یکشنبه"]
    assert Weekday.FRIDAY.persian_name == "جمعه"
    # Jalali dates name the day from the same list.
    assert WEEKDAYS[dt.date(2022, 3, 19).weekday()] == "شنبه"
    assert format_date(dt.date(2022, 3, 19), "full") == "شنبه ۲۸ اسفند ۱۴۰۰"
    assert [str(label) for _value, label in weekday_choices()][:2] == ["شنبه", "یکشنبه"]
    with translation.override("en"):
        assert [str(label) for _value, label in weekday_choices()][-1] == "Friday"
    assert weekday_choices(days=(0, 5), as_text=True)[0][0] == "5"


def test_numbers_and_dates_follow_the_page_language():
    moment = dt.datetime(2022, 3, 20, 10, 30, tzinfo=dt.UTC)  # 14:00 in Tehran
    assert formatting.fa_number(1234567) == "۱٬۲۳۴٬۵۶۷"
    assert formatting.fa_digits(2024) == "۲۰۲۴"
    assert formatting.jdate(moment, "short") == "۱۴۰۰/۱۲/۲۹"
    assert formatting.jdatetime(moment) == "۲۹ اسفند ۱۴۰۰، ساعت ۱۴:۰۰"
    assert formatting.jtime(moment) == "۱۴:۰۰"
    assert formatting.fa_number("n/a") == "n/a"
    assert formatting.jdate(None) == formatting.fa_number(None) == formatting.fa_digits(None) == ""
    with translation.override("en"):
        assert formatting.fa_number(1234567) == "1,234,567"
        assert formatting.jdate(moment, "short") == "2022-03-20"
        assert formatting.jdatetime(moment, "short") == "2022-03-20 14:00"


def test_the_template_filters_give_what_the_functions_give():
    moment = dt.datetime(2022, 3, 20, 10, 30, tzinfo=dt.UTC)
    source = "{{ n|fa_number }}|{{ m|jdatetime }}|{{ m|jtime }}|{{ n|fa_digits }}"
    rendered = Template(source).render(Context({"n": 12000, "m": moment}))
    expected = [
        formatting.fa_number(12000),
        formatting.jdatetime(moment),
        formatting.jtime(moment),
        formatting.fa_digits(12000),
    ]
    assert rendered.split("|") == expected
