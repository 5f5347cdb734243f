"""What the public catalog pages show: the filtered list by unit (a page of
``SERVICES_PER_PAGE`` at a time), and one service's card.

Both run a fixed number of queries whatever the number of services and units: the
services come with their units in one query, and on a translated site the units'
translations come in one more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms.choices import LongSelect
from sitepages.models import UnitPage

from .enums import Channel
from .metrics import service_figures

if TYPE_CHECKING:
    from .models.services import Service

# Services on one page of the catalog, grouped by their unit; filters narrow them down.
SERVICES_PER_PAGE = 30


class CatalogFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search services"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. loan")}),
    )
    unit = forms.ChoiceField(label=_("Unit"), required=False, widget=LongSelect)
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("All channels")), *Channel.choices],
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All units"))] + [
            (unit.slug, "— " * getattr(unit, "level", 0) + unit.display_title) for unit in units
        ]


@dataclass
class UnitGroup:
    unit: UnitPage
    title: str
    url: str | None
    services: list[Service] = field(default_factory=list)


def localize_units(units, request, urls=True) -> None:
    """Give each unit the title and URL of its translation in the active language.

    One query for all units; a unit without a translation keeps its own. ``urls=False``
    leaves out the URLs (what the filter's choices need: titles only, for every unit).
    """
    units = [unit for unit in units if unit is not None]
    try:
        active = Locale.get_active()
    except Locale.DoesNotExist:
        active = None
    translations = {}
    if active is not None and any(unit.locale_id != active.pk for unit in units):
        keys = {unit.translation_key for unit in units if unit.locale_id != active.pk}
        translations = {
            page.translation_key: page
            for page in UnitPage.objects.live()
            .public()
            .filter(translation_key__in=keys, locale=active)
            .select_related("locale")
        }
    for unit in units:
        shown = unit if active is None or unit.locale_id == active.pk else None
        shown = shown or translations.get(unit.translation_key) or unit
        unit.display_title = shown.title
        if urls:
            unit.display_url = shown.get_url(request) if shown.live else None


def catalog_units():
    """Units that have live services, and the units above them, in the tree's order."""
    step = UnitPage.steplen
    paths = set()
    for path in UnitPage.objects.filter(services__live=True).values_list("path", flat=True):
        paths.update(path[:end] for end in range(step, len(path) + 1, step))
    # Rows with only what the filter needs (a title in the page's language, the slug,
    # the path), not pages: the catalog lists every unit with services.
    units = [
        SimpleNamespace(**row)
        for row in UnitPage.objects.filter(path__in=paths)
        .order_by("path")
        .values("pk", "title", "slug", "path", "depth", "locale_id", "translation_key", "live")
    ]
    top = min((unit.depth for unit in units), default=0)
    for unit in units:
        unit.level = unit.depth - top
    return units


def catalog_context(catalog_page, request, services) -> dict:
    """``services``: the live services the catalog lists (a ``ServiceQuerySet``)."""
    units = catalog_units()
    localize_units(units, request, urls=False)
    form = CatalogFilterForm(request.GET or None, units=units)
    selected_unit = None
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            services = services.search(data["q"])
        if data["unit"]:
            selected = [unit for unit in units if unit.slug == data["unit"]]
            selected_unit = selected[0] if selected else None
            services = services.for_units(selected)
        if data["channel"]:
            services = services.with_channel(data["channel"])

    base = catalog_page.get_url(request) or ""
    by_unit: dict[int, UnitGroup] = {}
    paginator = Paginator(services, SERVICES_PER_PAGE)
    try:
        page_of_services = paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        page_of_services = paginator.page(1)
    except EmptyPage:
        page_of_services = paginator.page(paginator.num_pages)
    services = list(page_of_services)
    localize_units([service.responsible_unit for service in services], request)
    for service in services:
        service.card_url = f"{base.rstrip('/')}/{service.code}/"
        unit = service.responsible_unit
        group = by_unit.get(unit.pk)
        if group is None:
            group = by_unit[unit.pk] = UnitGroup(unit, unit.display_title, unit.display_url)
        group.services.append(service)
    return {
        "filter_form": form,
        "groups": list(by_unit.values()),
        "service_count": paginator.count,
        "services_page": page_of_services,
        # The filters again on the pagination links (the page number comes after).
        "page_query": urlencode(
            [(name, value) for name, value in request.GET.items() if name != "page" and value]
        ),
        "selected_unit": selected_unit,
        "is_filtered": form.is_bound and any(form.data.get(name) for name in form.fields),
    }


def service_card_context(catalog_page, service, request) -> dict:
    localize_units([service.responsible_unit], request)
    statement = service.sla_statement
    if statement is not None:
        if not statement.live:
            statement = None
        else:
            statement = statement.localized
            if not statement.live:
                statement = service.sla_statement
    return {
        "service": service,
        "statement": statement,
        "figures": service_figures(service),
        "start_url": service.get_start_url(),
        "catalog_url": catalog_page.get_url(request),
    }
