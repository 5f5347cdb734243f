"""Keep derived data fresh: the cached catalog URL, and services' search text when their
unit is renamed."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import pagecache
from sitepages.models import UnitPage

from .models import CalendarDay, Service, ServiceCatalogPage, WorkingCalendarSettings
from .models.pages import forget_catalog_urls


def _forget(sender, **kwargs):
    forget_catalog_urls()


def _forget_if_catalog(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, ServiceCatalogPage):
        forget_catalog_urls()


def _refresh_unit_services(sender, instance, **kwargs):
    """A renamed unit is still found by its new name in the catalog's search."""

    services = list(Service.objects.filter(responsible_unit=instance.pk))
    for service in services:
        service.responsible_unit = instance
        service.search_text = service.build_search_text()
    Service.objects.bulk_update(services, ["search_text"])


def connect():
    page_published.connect(
        _refresh_unit_services, sender=UnitPage, dispatch_uid="sla-unit-search-text"
    )
    page_published.connect(_forget, sender=ServiceCatalogPage, dispatch_uid="sla-catalog-pub")
    page_unpublished.connect(_forget, sender=ServiceCatalogPage, dispatch_uid="sla-catalog-unpub")
    post_delete.connect(_forget, sender=ServiceCatalogPage, dispatch_uid="sla-catalog-delete")
    post_page_move.connect(_forget_if_catalog, dispatch_uid="sla-catalog-move")
    # The catalog, the service cards and the statements show services and due dates.
    pagecache.purge_on_change(Service, CalendarDay, WorkingCalendarSettings, uid="sla")
