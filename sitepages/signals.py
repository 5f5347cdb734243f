"""Keep the cached menu, the page cache and the search index in step with what editors
publish."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import pagecache

from .menu import clear_menu_cache
from .models import PortalSettings


def _clear_menu(**kwargs):
    clear_menu_cache()
    pagecache.purge_all()


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        clear_menu_cache()
        pagecache.purge_all()


def _reindex_published(sender, instance, **kwargs):
    # Wagtail indexes a page when its row is saved, before its inline objects
    # (officials, tags) are; index it again once they are, so search finds them.
    if hasattr(instance, "normalized_search_text"):
        index.insert_or_update_object(instance)


def connect():
    page_published.connect(_clear_menu, dispatch_uid="sitepages-menu-published")
    page_published.connect(_reindex_published, dispatch_uid="sitepages-reindex-published")
    page_unpublished.connect(_clear_menu, dispatch_uid="sitepages-menu-unpublished")
    post_page_move.connect(_clear_menu, dispatch_uid="sitepages-menu-moved")
    post_delete.connect(_page_deleted, dispatch_uid="sitepages-menu-deleted")
    post_save.connect(_clear_menu, sender=Site, dispatch_uid="sitepages-menu-site-saved")
    post_delete.connect(_clear_menu, sender=Site, dispatch_uid="sitepages-menu-site-deleted")
    # A page made private (or public again) leaves the menu and the cached pages.
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            _clear_menu, sender=PageViewRestriction, dispatch_uid=f"sitepages-restriction-{name}"
        )
    # Site settings (footer contacts, links) show on every page; images and documents
    # (a replaced file, a new focal point) change the addresses pages link to.
    pagecache.purge_on_change(
        PortalSettings, get_image_model(), get_document_model(), uid="sitepages"
    )
