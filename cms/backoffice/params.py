"""Only the listing parameters a back office declares reach the database.

wagtail-modeladmin's ``IndexView`` hands every query-string parameter it does not know
to ``queryset.filter()`` (Django's admin checks ``lookup_allowed()``; modeladmin does
not): ``?assigned_to__groups__user__password__startswith=pbkdf2`` becomes a yes/no
oracle, ``?body__regex=...`` a slow query, ``?foo=1`` a 500. :class:`ListingParams`
knows what a listing accepts: its list filters' own parameters, ordering (``o``),
search (``q``), the page (``p``), the export format, and whatever the view declares
with a form field each; anything else, or a malformed value, is refused with
:class:`BadListingParameter` (a 400 page).
"""

from __future__ import annotations

import re

from django import forms
from django.contrib.admin import FieldListFilter, SimpleListFilter
from django.utils.translation import gettext as _

MAX_SEARCH_LENGTH = 200
_ORDER_PART = re.compile(r"^-?(\d{1,3})$")


class BadListingParameter(Exception):
    """The query string asks for something the listing does not offer."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def unknown_parameter(name: str) -> BadListingParameter:
    return BadListingParameter(
        _(
            "This list has no option named “%(name)s”. Use the filters and the search box of the page."
        )
        % {"name": name[:60]}
    )


def bad_value(name: str) -> BadListingParameter:
    return BadListingParameter(
        _("The value given for “%(name)s” is not one this list accepts.") % {"name": name[:60]}
    )


def check_common(
    query,
    *,
    columns: int,
    formats,
    order_var="o",
    page_var="p",
    search_var="q",
    export_var="export",
) -> None:
    """Ordering, page, search and export: each at most once and well formed."""
    for name in (order_var, page_var, search_var, export_var):
        if len(query.getlist(name)) > 1:
            raise bad_value(name)
    order = query.get(order_var)
    if order:  # modeladmin's "remove from sorting" link may leave it empty
        for part in order.split("."):
            match = _ORDER_PART.match(part)
            if not match or int(match.group(1)) >= columns:
                raise bad_value(order_var)
    page = query.get(page_var)
    if page is not None and not (page.isascii() and page.isdigit() and 0 < int(page) < 10**6):
        raise bad_value(page_var)
    search = query.get(search_var)
    if search is not None and len(search) > MAX_SEARCH_LENGTH:
        raise bad_value(search_var)
    export = query.get(export_var)
    if export is not None and export not in formats:
        raise bad_value(export_var)


def clean_declared(query, declared: dict[str, forms.Field]) -> dict:
    """The view's own parameters, each cleaned by its form field (400 when invalid)."""
    cleaned = {}
    for name, field in declared.items():
        values = query.getlist(name)
        if not values:
            continue
        if len(values) > 1:
            raise bad_value(name)
        try:
            cleaned[name] = field.clean(values[0])
        except forms.ValidationError as error:
            raise bad_value(name) from error
    return cleaned


def clean_query(query, declared: dict[str, forms.Field]) -> dict:
    """A screen's whole query string (not a listing's): only the ``declared`` names, each
    cleaned by its form field; any other name or a malformed value is refused."""
    for name in query:
        if name not in declared:
            raise unknown_parameter(name)
    return clean_declared(query, declared)


def check_filter_values(filter_specs) -> None:
    """A list filter given a value it does not offer: the page would silently show
    nothing (or everything); say so instead."""
    for spec in filter_specs:
        if isinstance(spec, SimpleListFilter):
            value = spec.value()
            if value is not None and value not in {str(key) for key, _label in spec.lookup_choices}:
                raise bad_value(spec.parameter_name)
        elif isinstance(spec, FieldListFilter):
            field = spec.field
            choices = getattr(field, "flatchoices", None)
            if not choices:
                continue
            allowed = {str(key) for key, _label in choices}
            for name, value in spec.used_parameters.items():
                if not name.endswith("__exact"):
                    continue
                values = value if isinstance(value, list) else [value]
                if any(str(item) not in allowed for item in values):
                    raise bad_value(name)
