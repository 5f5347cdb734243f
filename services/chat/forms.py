"""The citizen's forms: start a chat, rate it, open a transcript."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.forms import MobileField, PersianFormMixin
from cms.uploads import validate_upload

from . import conf
from .domain import chat_units


class StartForm(PersianFormMixin, forms.Form):
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, empty_value=None)
    name = forms.CharField(label=_("Your name"), max_length=150)
    mobile = MobileField(
        help_text=_("The tracking code of the chat is sent to this number at the end.")
    )
    message = forms.CharField(
        label=_("Your question"),
        max_length=conf.max_message_length(),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = chat_units(locale)
        self.units_by_id = {unit.pk: unit for unit, _online in self.units}
        self.fields["unit"].choices = [("", _("Choose a unit"))] + [
            (unit.pk, self._label(unit, online)) for unit, online in self.units
        ]
        self.fields["name"].widget.attrs.update(autocomplete="name", dir="auto")

    @staticmethod
    def _label(unit, online):
        if online:
            return _("%(unit)s — online now") % {"unit": unit.title}
        return _("%(unit)s — waiting for an official") % {"unit": unit.title}

    def clean_unit(self):
        unit_id = self.cleaned_data.get("unit")
        unit = self.units_by_id.get(unit_id)
        if unit is None:
            raise forms.ValidationError(_("Choose one of the units in the list."))
        return unit


class SendForm(forms.Form):
    """A message, with or without one file checked by content (:mod:`cms.uploads`)."""

    body = forms.CharField(required=False, max_length=conf.max_message_length(), strip=False)
    file = forms.FileField(required=False, label=_("Attachment"))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        return upload, validate_upload(upload)

    def clean(self):
        cleaned = super().clean()
        empty = not (cleaned.get("body") or "").strip() and not cleaned.get("file")
        if empty and not self.errors:
            raise forms.ValidationError(_("Write a message first."))
        return cleaned


class RatingForm(PersianFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How was the chat?"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=pgettext_lazy("chat rating", "Comment"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class TrackForm(PersianFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}),
    )
    mobile = MobileField()
