"""The tests' name for the sla factories and page builders, which live in
``sla.factories`` (the demo content is built on them too)."""

from sla.factories import (
    ServiceFactory,
    add_page,
    make_catalog,
    make_sla_index,
    make_statement,
    make_units,
)

__all__ = [
    "ServiceFactory",
    "add_page",
    "make_catalog",
    "make_sla_index",
    "make_statement",
    "make_units",
]
