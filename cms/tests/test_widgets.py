"""The Jalali date picker: selects a keyboard reaches, read back as the field expects."""

import datetime as dt

from bs4 import BeautifulSoup
from django import forms
from django.utils import timezone, translation

from cms.widgets import JalaliDatePicker, JalaliDateTimePicker


class WindowForm(forms.Form):
    opens_on = forms.DateField(widget=JalaliDatePicker())
    starts_at = forms.DateTimeField(widget=JalaliDateTimePicker())
    jalali_text = forms.CharField(widget=JalaliDatePicker(output="jalali"))


def test_the_picker_shows_a_date_in_jalali_with_named_selects():
    with translation.override("fa"):
        form = WindowForm(initial={"opens_on": dt.date(2026, 11, 30)})
        soup = BeautifulSoup(str(form["opens_on"]), "html.parser")
    selects = soup.find_all("select")
    assert [select["aria-label"] for select in selects] == ["روز", "ماه", "سال"]
    chosen = [select.find("option", selected=True).get_text() for select in selects]
    assert chosen == ["۹", "آذر", "۱۴۰۵"]


def test_a_date_years_ago_keeps_its_year():
    form = WindowForm(initial={"opens_on": dt.date(2010, 1, 1)})
    soup = BeautifulSoup(str(form["opens_on"]), "html.parser")
    assert soup.find("select", attrs={"name": "opens_on_2"}).find("option", selected=True)


def test_what_the_picker_sends_back_is_what_the_fields_read():
    form = WindowForm(
        {
            "opens_on_0": "9",
            "opens_on_1": "9",
            "opens_on_2": "1405",
            "starts_at_0_0": "1",
            "starts_at_0_1": "1",
            "starts_at_0_2": "1405",
            "starts_at_1": "08:15",
            "jalali_text_0": "9",
            "jalali_text_1": "9",
            "jalali_text_2": "1405",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["opens_on"] == dt.date(2026, 11, 30)
    starts = timezone.localtime(form.cleaned_data["starts_at"])
    assert (starts.date(), starts.hour, starts.minute) == (dt.date(2026, 3, 21), 8, 15)
    assert form.cleaned_data["jalali_text"] == "1405/09/09"


def test_an_impossible_date_is_an_error_and_typed_dates_still_work():
    form = WindowForm(
        {
            "opens_on_0": "31",
            "opens_on_1": "7",
            "opens_on_2": "1405",
            "starts_at": "۱۴۰۵/۰۹/۰۹ ۱۴:۳۰",
            "jalali_text": "1405/09/09",
        }
    )
    assert not form.is_valid()
    assert list(form.errors) == ["opens_on"]
    assert timezone.localtime(form.cleaned_data["starts_at"]).date() == dt.date(2026, 11, 30)
