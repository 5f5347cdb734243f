"""Log entries (Wagtail's audit log) of fenced objects carry no personal data in their
label: "<type> #<id>" instead of the object's text (a subject, a name)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from .fence import registry as fence_registry


def fenced_models():
    # The back offices register their fences when Wagtail loads the admin's hooks.
    from wagtail import hooks

    hooks.search_for_hooks()
    return fence_registry.items()


def neutral_label(model, object_id) -> str:
    return f"{model._meta.verbose_name} #{object_id}"


def label_of(entry) -> str:
    model = entry.content_type.model_class() if entry.content_type_id else None
    if model is not None and dict(fenced_models()).get(model) is not None:
        return neutral_label(model, entry.object_id)
    return entry.label


def relabel_before_save(sender, instance, **kwargs):
    """A log entry of a fenced object is stored with its type and id as its label."""
    if not instance.content_type_id or not getattr(instance, "object_id", None):
        return
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    if model is not None and dict(fenced_models()).get(model) is not None:
        instance.label = neutral_label(model, instance.object_id)


def connect():
    from django.db.models.signals import pre_save
    from wagtail.models import ModelLogEntry

    pre_save.connect(relabel_before_save, sender=ModelLogEntry, dispatch_uid="backoffice-labels")
