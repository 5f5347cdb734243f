"""Keeps the cache honest and starts each published notice's timeline."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import published, unpublished

from .caching import bump_version
from .models import NoticeUpdate, OutageNotice
from .timeline import record_first_update


def forget_cached(sender, **kwargs):
    bump_version()


def start_timeline(sender, instance, revision=None, **kwargs):
    record_first_update(instance, user=getattr(revision, "user", None))


def connect():
    for model in (OutageNotice, NoticeUpdate):
        post_save.connect(
            forget_cached, sender=model, dispatch_uid=f"outages-save-{model.__name__}"
        )
        post_delete.connect(
            forget_cached, sender=model, dispatch_uid=f"outages-delete-{model.__name__}"
        )
    m2m_changed.connect(
        forget_cached, sender=OutageNotice.services.through, dispatch_uid="outages-services"
    )
    unpublished.connect(forget_cached, sender=OutageNotice, dispatch_uid="outages-unpublished")
    published.connect(start_timeline, sender=OutageNotice, dispatch_uid="outages-published")
