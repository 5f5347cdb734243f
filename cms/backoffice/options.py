"""The base of every plugin's staff screens: :class:`FencedModelAdmin`.

A plugin's admin sets ``fence`` (a :class:`~cms.backoffice.fence.Fence`), its list
columns and filters, and optionally ``listing_params`` (its own query parameters, each
with a form field), ``action_views`` (custom actions as view classes), and
``view_log_model`` (the model that records who looked at what: a
:class:`~cms.backoffice.view_log.StaffViewLog`, or any model with ``view_log_field``).
The base then:

* applies the fence to the queryset of every route (index, export, inspect, edit,
  delete, history, action views): other units' objects answer 404, as if absent;
* checks real permissions on every view (:class:`FencedPermissionHelper`);
* accepts only the declared listing parameters (400 otherwise);
* writes exports with safe cells, logs every exported, opened or downloaded object,
  and keeps pages with personal data out of every cache.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView

from .fence import Fence, registry
from .menu import install as install_kept_menus
from .permissions import FencedPermissionHelper
from .views import FencedEditView, FencedIndexView, FencedInspectView


class FencedModelAdmin(ModelAdmin):
    fence: Fence = Fence()
    permission_helper_class = FencedPermissionHelper
    index_view_class = FencedIndexView
    inspect_view_class = FencedInspectView
    edit_view_class = FencedEditView
    # Wagtail's log entries of the object; plugins with django-simple-history use
    # FencedHistoryView instead.
    history_view_class = HistoryView
    inspect_view_enabled = True
    staff_can_create = False
    staff_can_edit = False
    listing_params: dict = {}
    action_views: tuple = ()
    view_log_model = None
    view_log_field = ""
    export_headings: dict = {}

    def __init__(self, parent=None):
        super().__init__(parent)
        install_kept_menus()
        self.permission_helper.model_admin = self
        registry.register(self.model, self.fence)

    # The fence, on every route

    def get_listing_queryset(self, request) -> QuerySet:
        """The objects before the fence (select_related, default ordering...)."""
        return super().get_queryset(request)

    def get_queryset(self, request) -> QuerySet:
        return self.fence.filter(request.user, self.get_listing_queryset(request))

    def get_fenced_object(self, request, instance_pk):
        """The object, if ``request.user`` may see it; 404 otherwise (as if absent).

        Users who may not use this back office at all get 403 first.
        """
        user = request.user
        if user.is_authenticated and not self.permission_helper.user_can_list(user):
            raise PermissionDenied
        try:
            pk = self.model._meta.pk.to_python(instance_pk)
        except Exception as error:  # noqa: BLE001 - any malformed key is "not found"
            raise Http404 from error
        if pk is None:
            raise Http404
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def inspect_view(self, request, instance_pk):
        self.get_fenced_object(request, instance_pk)
        return super().inspect_view(request, instance_pk)

    def edit_view(self, request, instance_pk):
        obj = self.get_fenced_object(request, instance_pk)
        if not self.permission_helper.user_can_edit_obj(request.user, obj):
            raise PermissionDenied
        return super().edit_view(request, instance_pk)

    def delete_view(self, request, instance_pk):
        obj = self.get_fenced_object(request, instance_pk)
        if not self.permission_helper.user_can_delete_obj(request.user, obj):
            raise PermissionDenied
        return super().delete_view(request, instance_pk)

    def history_view(self, request, instance_pk):
        self.get_fenced_object(request, instance_pk)
        return super().history_view(request, instance_pk)

    def create_view(self, request):
        if not self.permission_helper.user_can_create(request.user):
            raise PermissionDenied
        return super().create_view(request)

    # Listing parameters

    def get_listing_params(self, request) -> dict:
        """The view's own query parameters, name -> form field (validated, then handed
        to :meth:`apply_listing_params`, never to ``queryset.filter()`` directly)."""
        return self.listing_params

    def apply_listing_params(self, request, queryset, values: dict) -> QuerySet:
        return queryset

    # The view log

    def get_view_log_field(self) -> str:
        """The log's foreign key to the object (a StaffViewLog names its own)."""
        return self.view_log_field or getattr(self.view_log_model, "subject_field", "")

    def record_views(self, objects, user, action: str, **extra) -> None:
        if self.view_log_model is None:
            return
        field = self.get_view_log_field()
        self.view_log_model.objects.bulk_create(
            self.view_log_model(**{field: obj}, user=user, action=action, **extra)
            for obj in objects
        )

    def view_logs_of(self, obj):
        if self.view_log_model is None:
            return self.model.objects.none()
        return self.view_log_model.objects.filter(
            **{self.get_view_log_field(): obj}
        ).select_related("user")

    # Custom actions as view classes

    def get_action_views(self):
        return self.action_views

    def get_admin_urls_for_registration(self):
        base = self.url_helper.base_url_path
        return (
            *super().get_admin_urls_for_registration(),
            *(
                path(
                    f"{base}/{view_class.route}",
                    view_class.as_view(model_admin=self),
                    name=self.url_helper.get_action_url_name(view_class.name),
                )
                for view_class in self.get_action_views()
            ),
        )
