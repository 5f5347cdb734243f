"""Form fields and a form mixin that every public form of the portal uses.

They accept what people actually type (Persian, Arabic-Indic or Latin digits, Arabic
ي/ك, spaces and dashes inside numbers) and store one normal form.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import validators
from .text import normalize_identifier, normalize_text


class PersianCharField(forms.CharField):
    """Free text: Arabic letters to Persian, digits to ASCII, spaces tidied."""

    def to_python(self, value):
        return normalize_text(super().to_python(value))


class IdentifierField(forms.CharField):
    """A code or number: ASCII digits, no spaces, dashes or ZWNJ."""

    def to_python(self, value):
        return normalize_identifier(super().to_python(value))


class NationalCodeField(IdentifierField):
    default_validators = [validators.validate_national_code]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("National code"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("autocomplete", "off")
        self.widget.attrs.setdefault("dir", "ltr")


class MobileField(forms.CharField):
    default_validators = [validators.validate_mobile]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.setdefault("inputmode", "tel")
        self.widget.attrs.setdefault("autocomplete", "tel")
        self.widget.attrs.setdefault("dir", "ltr")

    def to_python(self, value):
        value = super().to_python(value)
        return validators.normalize_mobile(value) if value else value


class ShebaField(forms.CharField):
    default_validators = [validators.validate_sheba]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Sheba account number"))
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "off")
        self.widget.attrs.setdefault("dir", "ltr")

    def to_python(self, value):
        value = super().to_python(value)
        return validators.normalize_sheba(value) if value else value


class PersianFormMixin:
    """Normalises every plain text field of a (model) form the way PersianCharField does.

    Fields that already normalise (identifiers, mobile, Sheba), emails and choices are
    left alone. Mix it in before ``forms.Form``/``forms.ModelForm``.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field) is forms.CharField:
                field.to_python = _normalizing(field.to_python)


def _normalizing(to_python):
    def wrapped(value):
        return normalize_text(to_python(value))

    return wrapped
