"""The history of a back-office object as staff read it: its django-simple-history
records (with the fields that changed, shown as the admin shows them) and the records
of its parts (messages, attachments...), newest first."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

# A workflow's change reason starts with the raw states: "submitted → under_review: note".
_TRANSITION = re.compile(r"^(\w*) → (\w+)")


def display_value(field, value):
    """A stored value as a person reads it: a choice's label, a related object's name."""
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if value is None or value == "":
        return "—"
    if field.is_relation:
        try:
            return str(field.related_model._default_manager.get(pk=value))
        except field.related_model.DoesNotExist:
            return f"#{value}"
    return value


def readable_reason(model, reason: str) -> str:
    """A change reason with raw choice values ("submitted → under_review") in words."""
    match = _TRANSITION.match(reason or "")
    if not match:
        return reason or ""
    labels = {}
    for field in model._meta.get_fields():
        for value, label in getattr(field, "flatchoices", None) or ():
            labels.setdefault(str(value), str(label))
    old, new = match.groups()
    if new not in labels or (old and old not in labels):
        return reason
    words = f"{labels[old]} → {labels[new]}" if old else labels[new]
    return words + reason[match.end() :]


def _what(history_type) -> str:
    return {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}[history_type]


def history_entries(obj, related=(), label=None) -> list[dict]:
    """Entries with ``at``, ``user``, ``what``, ``reason``, ``object`` and ``changes``."""
    model = type(obj)
    label = label or model._meta.verbose_name
    entries, previous = [], None
    records = obj.history.select_related("history_user").order_by("history_date", "pk")
    for record in records:
        changes = []
        if previous is not None:
            for change in record.diff_against(previous).changes:
                field = model._meta.get_field(change.field)
                changes.append(
                    {
                        "field": field.verbose_name,
                        "old": display_value(field, change.old),
                        "new": display_value(field, change.new),
                    }
                )
        entries.append(
            {
                "at": record.history_date,
                "user": record.history_user,
                "what": _("Created") if record.history_type == "+" else _("Changed"),
                "reason": readable_reason(model, record.history_change_reason),
                "object": label,
                "changes": changes,
            }
        )
        previous = record
    for label, records in related:
        for record in records.select_related("history_user"):
            entries.append(
                {
                    "at": record.history_date,
                    "user": record.history_user,
                    "what": _what(record.history_type),
                    "reason": record.history_change_reason or "",
                    "object": label,
                    "changes": [{"field": "", "old": "", "new": str(record.instance)}],
                }
            )
    entries.sort(key=lambda entry: entry["at"], reverse=True)
    return entries
