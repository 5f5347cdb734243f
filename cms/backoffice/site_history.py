"""Wagtail's site history report (``/admin/reports/site-history/`` and its CSV/XLSX),
fenced like the back offices.

Wagtail shows a log entry to anyone with some permission on its model: staff of one
unit saw every unit's request codes and subjects. Here, for a model in the fence
registry (:mod:`cms.backoffice.fence`), a non-superuser sees only the entries of objects
the fence lets them see, and the entries of fenced models are labelled by their type and
id only ("request #12"), never by the object's text (a subject, a name), both when they
are written (:func:`neutral_label`, connected to ``pre_save``) and when they are shown.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q, Value
from django.db.models.functions import Cast
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import registry as log_action_registry

from .log_labels import fenced_models, label_of


def fence_log_entries(queryset, user):
    """Log entries of fenced objects only for users who may see the object."""
    if getattr(user, "is_superuser", False):
        return queryset
    hidden = Q()
    for model, fence in fenced_models():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        visible_ids = (
            fence.filter(user, model._default_manager.all())
            .annotate(id_text=Cast("pk", output_field=CharField()))
            .values("id_text")
        )
        hidden |= Q(content_type=content_type) & ~Q(object_id__in=visible_ids)
    return queryset.exclude(hidden) if hidden else queryset


class FencedLogEntriesView(LogEntriesView):
    def get_filtered_queryset(self):
        queryset = None
        self.log_models = list(log_action_registry.get_log_entry_models())
        for log_model_index, log_model in enumerate(self.log_models):
            entries = log_model.objects.viewable_by_user(self.request.user)
            if any(field.name == "object_id" for field in log_model._meta.get_fields()):
                entries = fence_log_entries(entries, self.request.user)
            sub_queryset = entries.values("pk", "timestamp").annotate(
                log_model_index=Value(log_model_index, output_field=IntegerField())
            )
            sub_queryset = self.filter_queryset(sub_queryset).order_by()
            queryset = sub_queryset if queryset is None else queryset.union(sub_queryset, all=True)
        return queryset.order_by("-timestamp")

    def decorate_paginated_queryset(self, queryset):
        entries = super().decorate_paginated_queryset(queryset)
        for entry in entries:
            entry.label = label_of(entry)
        return entries


def site_history_urls(prefix: str):
    """The report's two addresses (page and results), with the admin's own guards."""
    from django.urls import path
    from django.views.decorators.cache import never_cache
    from wagtail.admin.auth import require_admin_access

    def guarded(view):
        return never_cache(require_admin_access(view))

    return [
        path(prefix, guarded(FencedLogEntriesView.as_view())),
        path(
            f"{prefix}results/",
            guarded(FencedLogEntriesView.as_view(results_only=True)),
        ),
    ]
