"""Which tables a backup holds, and how one column's value travels as JSON.

Every table Django manages is copied as it is stored, primary keys included, one JSON
line per row: content types, permissions, pages, revisions and users' data keep their
identities, so everything that points at them (foreign keys, generic relations, the
content type ids inside page revisions) stays right after a restore.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import json
import uuid

from django.apps import apps
from django.utils.duration import duration_iso_string

# Rebuilt after a restore (the search index) or short-lived (sessions, editing locks).
EXCLUDED_APPS = {"sessions", "wagtailsearch"}
EXCLUDED_MODELS = {"wagtailadmin.editingsession"}


def backed_up_models() -> list:
    """Every concrete, managed model with its own table, once per table, in a stable order."""
    seen = set()
    models = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped:
            continue
        if meta.app_label in EXCLUDED_APPS or meta.label_lower in EXCLUDED_MODELS:
            continue
        if meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        models.append(model)
    return sorted(models, key=lambda m: m._meta.label_lower)


def table_fields(model) -> list:
    """The columns of the model's own table (an inherited page's parent link included)."""
    return [f for f in model._meta.local_concrete_fields if f.column]


def _is_json(field) -> bool:
    return field.get_internal_type() == "JSONField"


def _default(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    raise TypeError(f"Cannot store {type(value).__name__} in a backup")


class RowEncoder:
    """Turns rows read with ``values_list`` into JSON lines, and JSON lines back into
    parameters for an INSERT on any database Django supports."""

    def __init__(self, model):
        self.fields = table_fields(model)
        self.columns = [f.column for f in self.fields]
        self.attnames = [f.attname for f in self.fields]
        self._encoder = json.JSONEncoder(ensure_ascii=False, default=_default)

    def dumps(self, row) -> str:
        values = [
            None if value is None else field.get_prep_value(value)
            for field, value in zip(self.fields, row, strict=True)
        ]
        return self._encoder.encode(values)

    def loads(self, line: str, connection) -> list:
        values = json.loads(line)
        params = []
        for field, value in zip(self.fields, values, strict=True):
            if value is None:
                params.append(None)
            elif _is_json(field):
                params.append(field.get_db_prep_save(value, connection))
            else:
                params.append(field.get_db_prep_save(field.to_python(value), connection))
        return params
