"""Long lists of choices (every unit, every service) without their cost growing faster
than the list.

Django renders a ``<select>`` through one template include per option (and another for
each option's attributes), and a ``ModelChoiceField`` loads every column of every row
to label it. With 240 units and 300 services the desk's form spent most of its time
there (``bench/grow.py``). :class:`LongSelect` writes the same HTML in Python, and
:class:`LightModelChoiceField` reads only the columns its labels need, as rows; what
the field accepts, and the object it returns, are unchanged.
"""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.html import escape
from django.utils.safestring import mark_safe


def _attributes(attrs: dict) -> str:
    """What django/forms/widgets/attrs.html writes: ``False`` left out, ``True`` bare."""
    if not attrs:
        return ""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class LongSelect(forms.Select):
    """A ``Select`` whose options are written in Python: the HTML of Django's
    ``select.html`` and ``select_option.html``, every name, value and label escaped, at
    a fraction of the cost."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{_attributes(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{escape(group_name)}">')
            parts.extend(
                f'\n  <option value="{escape(option["value"])}"'
                f"{_attributes(option['attrs'])}>{escape(option['label'])}</option>"
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


class LightChoiceIterator(ModelChoiceIterator):
    """The options from the columns the field names in ``label_fields`` (rows, not model
    instances), labelled by the field's ``label_from_values``."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.queryset.values("pk", *self.field.label_fields):
            yield (ModelChoiceIteratorValue(row["pk"], row), self.field.label_from_values(row))


class LightModelChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` for long lists: its options are labelled from
    ``label_fields`` only (:meth:`label_from_values` reads them) and written by
    :class:`LongSelect`; the chosen object is loaded whole, as usual."""

    widget = LongSelect
    iterator = LightChoiceIterator
    label_fields: tuple[str, ...] = ()

    def label_from_values(self, row: dict) -> str:
        """The option's label from its row: the first of ``label_fields`` by default
        (a field that labels from several columns, or formats one, says how)."""
        return str(row[self.label_fields[0]]) if self.label_fields else str(row["pk"])
