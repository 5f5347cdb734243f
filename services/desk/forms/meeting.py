"""The staff's form of a meeting time. Not re-exported by :mod:`services.desk.forms`:
it checks times with :mod:`services.desk.meetings`, which needs the models, and the
models' form page imports the public forms."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.forms import PersianCharField, PersianFormMixin
from cms.jalali import display_zone
from cms.widgets import JalaliDatePicker

from ..meetings import describe_hours, meeting_hours_of, meeting_time_errors
from .public import _text_area
from .staff import JalaliDateField


class MeetingProposalForm(PersianFormMixin, forms.Form):
    date = JalaliDateField(label=_("Date (Jalali)"), widget=JalaliDatePicker(output="jalali"))
    time = forms.TimeField(
        label=_("Time"), widget=forms.TimeInput(attrs={"type": "time", "dir": "ltr"})
    )
    official_name = PersianCharField(label=_("With (official)"), max_length=300)
    location = PersianCharField(label=_("Place"), max_length=300, required=False)
    note = PersianCharField(label=_("Note to the citizen"), required=False, widget=_text_area(2))
    confirmed = forms.BooleanField(
        label=_("Already agreed with the citizen: confirm it without asking"), required=False
    )

    def __init__(self, *args, request_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_obj = request_obj
        if request_obj is not None and request_obj.official_name:
            self.fields["official_name"].initial = request_obj.official_name
        if request_obj is not None and request_obj.official_id:
            hours = meeting_hours_of(request_obj.official)
            if hours:
                self.fields["time"].help_text = _("Meeting times: %(hours)s") % {
                    "hours": describe_hours(hours)
                }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("time"):
            starts_at = dt.datetime.combine(cleaned["date"], cleaned["time"], display_zone())
            cleaned["starts_at"] = starts_at
            if self.request_obj is not None:
                errors = meeting_time_errors(self.request_obj, starts_at)
            else:
                errors = (
                    {"date": [_("Choose a time in the future.")]}
                    if (starts_at <= timezone.now())
                    else {}
                )
            for field, field_errors in errors.items():
                for error in field_errors:
                    self.add_error(field, error)
        return cleaned
