"""What the desk's models use from modules that import the models.

An editor-built form page needs its form's fixed fields (:mod:`services.desk.forms`) and
turns a submission into a request (:mod:`services.desk.submission`); the queue's fence
asks which units' requests a staff member handles (:mod:`services.desk.routing`). All
three modules import the models, so the models do not import them back (no import
circle inside an app, issue 12): the desk app hands them over when Django starts
(:meth:`services.desk.apps.DeskConfig.ready`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass
class Provided:
    # The base class of a ServiceFormPage's form (the citizen's fixed fields).
    form_page_base_form: type | None = None
    # (page, form, language) -> the ServiceRequest the submission became.
    submit_form_page_request: Callable[..., Any] | None = None
    # The staff's unit ids -> every unit id whose requests they handle.
    handled_unit_ids: Callable[[Iterable[int]], set[int]] | None = None

    def __getattribute__(self, name):
        value = super().__getattribute__(name)
        if value is None and name in PARTS:
            raise ImproperlyConfigured(
                f"The desk's models need {name}: DeskConfig.ready() provides it."
            )
        return value


PARTS = frozenset(part.name for part in fields(Provided))
provided = Provided()


def provide(**parts) -> None:
    """Called once by :meth:`DeskConfig.ready` with every field of :class:`Provided`."""
    for name, value in parts.items():
        if name not in PARTS:
            raise TypeError(f"The desk's models need no {name!r}.")
        setattr(provided, name, value)
