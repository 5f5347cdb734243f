"""A model field holding several choices, filterable on SQLite and PostgreSQL alike."""

from django import forms
from django.core import exceptions
from django.db import models


class ChoiceListField(models.CharField):
    """A list of choice values stored as ``",web,phone,"``.

    The surrounding commas let ``value__contains=",web,"`` find one choice with a plain
    ``LIKE``, which every database does (JSON containment does not exist on SQLite).
    In Python the value is a list; the admin shows checkboxes.
    """

    description = "A list of choices"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None:
            return []
        if isinstance(value, list | tuple):
            return list(value)
        return [item for item in str(value).split(",") if item]

    def get_prep_value(self, value):
        items = self.to_python(value)
        if not items:
            return ""
        return "," + ",".join(items) + ","

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        # CharField.validate would compare the whole list with the choices.
        if not self.editable:
            return
        allowed = {str(key) for key, _label in self.flatchoices}
        for item in value:
            if item not in allowed:
                raise exceptions.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        if not value and not self.blank:
            raise exceptions.ValidationError(self.error_messages["blank"], code="blank")

    def run_validators(self, value):
        # MaxLengthValidator would measure the list, not the stored text.
        super().run_validators(self.get_prep_value(value))

    def formfield(self, **kwargs):
        options = {
            "choices_form_class": forms.TypedMultipleChoiceField,
            "choices": self.choices,
            "coerce": str,
            "widget": forms.CheckboxSelectMultiple,
            **kwargs,
        }
        # Field.formfield, not CharField's: it builds a choice field from
        # choices_form_class (CharField's would add a max_length to it).
        return models.Field.formfield(self, **options)

    @staticmethod
    def contains_lookup(value: str) -> str:
        return f",{value},"
