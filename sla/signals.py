"""Forget the cached catalog URL when a catalog page appears, moves or goes away."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import ServiceCatalogPage
from .models.pages import forget_catalog_urls


def _forget(sender, **kwargs):
    forget_catalog_urls()


def _forget_if_catalog(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, ServiceCatalogPage):
        forget_catalog_urls()


def connect():
    page_published.connect(_forget, sender=ServiceCatalogPage, dispatch_uid="sla-catalog-pub")
    page_unpublished.connect(_forget, sender=ServiceCatalogPage, dispatch_uid="sla-catalog-unpub")
    post_delete.connect(_forget, sender=ServiceCatalogPage, dispatch_uid="sla-catalog-delete")
    post_page_move.connect(_forget_if_catalog, dispatch_uid="sla-catalog-move")
