"""Form widgets for editors who think in the Jalali calendar."""

import datetime as dt

from django import forms

from cms import jalali
from cms.text import to_ascii_digits


class JalaliDateInput(forms.TextInput):
    """A date typed and shown as a Jalali date (``1400/12/29``, any digits).

    The widget turns what the editor typed into an ISO date before the model's
    ``DateField`` reads it, so validation and storage stay Gregorian. Text that is not a
    Jalali date is passed on unchanged and the field reports it as invalid.
    """

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {"placeholder": "۱۴۰۰/۱۲/۲۹", "dir": "ltr", "inputmode": "numeric"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return super().format_value(value)
        if isinstance(value, dt.date):
            return jalali.format_date(value, "short")
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if not value or not str(value).strip():
            return value
        text = to_ascii_digits(str(value)).strip()
        try:
            return jalali.parse_date(text).isoformat()
        except ValueError:
            return value
