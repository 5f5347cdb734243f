"""The citizen's forms on a request opened with its tracking code: finding it, writing
to the unit, withdrawing it and rating the answer."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.formatting import fa_digits
from cms.forms import MobileField, PersianCharField, PersianFormMixin
from cms.tracking import is_well_formed, normalize_tracking_code

from .public import BODY_MAX, AttachmentsMixin, _text_area


class TrackLookupForm(PersianFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "dir": "ltr"}),
        help_text=_("The 12 digits you received, with or without dashes."),
    )
    mobile = MobileField(help_text=_("The mobile number you gave when you sent the request."))

    def clean_code(self):
        code = normalize_tracking_code(self.cleaned_data["code"])
        if not is_well_formed(code):
            raise ValidationError(_("A tracking code has 12 digits."), code="code_format")
        return code


class CitizenMessageForm(PersianFormMixin, AttachmentsMixin, forms.Form):
    field_order = ["body", "attachments"]

    body = PersianCharField(label=_("Your message"), max_length=BODY_MAX, widget=_text_area(5))


class WithdrawForm(PersianFormMixin, forms.Form):
    confirm = forms.BooleanField(label=_("Yes, withdraw my request."))
    reason = PersianCharField(label=_("Why (optional)"), max_length=500, required=False)


RATING_WORDS = {
    5: pgettext_lazy("rating", "Excellent"),
    4: pgettext_lazy("rating", "Good"),
    3: pgettext_lazy("rating", "Fair"),
    2: pgettext_lazy("rating", "Bad"),
    1: pgettext_lazy("rating", "Very bad"),
}


def _rating_label(number: int) -> str:
    """«۵ — عالی» on Persian pages, "5 — Excellent" on English ones."""
    return f"{fa_digits(number)} — {RATING_WORDS[number]}"


RATING_CHOICES = [(str(n), lazy(_rating_label, str)(n)) for n in range(5, 0, -1)]


class RatingForm(PersianFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("5 is very satisfied, 1 not at all."),
    )
    comment = PersianCharField(
        label=_("Comment (optional)"), max_length=1000, required=False, widget=_text_area(3)
    )


__all__ = [
    "TrackLookupForm",
    "CitizenMessageForm",
    "WithdrawForm",
    "RATING_CHOICES",
    "RatingForm",
]
