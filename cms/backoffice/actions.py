"""Custom actions of a back office as view classes (the shape of
``services/outages/viewsets.py``), not methods on the ModelAdmin.

An action view is registered by listing it in ``FencedModelAdmin.action_views``; its
``route`` is appended to the admin's base path and its ``name`` gives the URL name
(``<app>_<model>_modeladmin_<name>``). Before the action runs, the object (for
:class:`ObjectActionView`) has passed the fence (another unit's object is a 404, as if
absent) and the user's permission (403). An action view reads only the query parameters
it declares in ``query_fields`` (a name and a form field each, cleaned into
``self.query``); any other, or a malformed value, is the back office's 400 page.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from .params import BadListingParameter, clean_query
from .views import bad_request, no_store


class ActionView(View):
    """A view of one back office; POST only unless ``http_method_names`` says otherwise."""

    name = ""
    route = ""
    http_method_names = ["post"]
    model_admin = None
    query_fields: dict = {}

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.permission_helper = self.model_admin.permission_helper
        self.url_helper = self.model_admin.url_helper
        # Fence and permission first: who may not use the view learns nothing more.
        self.prepare(request, *args, **kwargs)
        try:
            self.query = clean_query(request.GET, self.query_fields)
        except BadListingParameter as error:
            return bad_request(request, error.message, index_url=self.back_url())
        return no_store(super().dispatch(request, *args, **kwargs))

    def prepare(self, request, *args, **kwargs):
        if not self.is_permitted(request.user):
            raise PermissionDenied

    def is_permitted(self, user) -> bool:
        return self.permission_helper.user_can_list(user)

    def back_url(self) -> str:
        """Where the 400 page leads back to."""
        return self.url_helper.index_url

    def index(self):
        return redirect(self.url_helper.index_url)


class ObjectActionView(ActionView):
    """An action on one object: ``self.object`` is fenced (404) and permitted (403)."""

    def prepare(self, request, *args, instance_pk=None, **kwargs):
        self.object = self.model_admin.get_fenced_object(request, instance_pk)
        if not self.is_permitted_on(request.user, self.object):
            raise PermissionDenied

    def is_permitted_on(self, user, obj) -> bool:
        return self.permission_helper.user_can_see(user, obj)

    def back(self):
        return redirect(self.url_helper.get_action_url("inspect", self.object.pk))

    def render_inspect(self, **context):
        """The object's inspect screen again (e.g. with a form that was wrong)."""
        model_admin = self.model_admin
        view = model_admin.inspect_view_class(
            model_admin=model_admin, instance_pk=str(self.object.pk)
        )
        view.setup(self.request)
        view.button_helper = model_admin.get_button_helper_class()(view, self.request)
        return view.render_to_response(view.get_context_data(**context))
