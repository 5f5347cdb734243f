"""Wagtail snippets behind the back office's fence: :class:`FencedSnippetViewSet`.

A plugin puts its snippet model behind a fence with :func:`fence_snippet` and uses this
viewset; the fence is then applied to the listing, to every route that names an
object (edit, delete, copy, history, usage, revisions...: another unit's object is a 404
before the view loads it), to the chooser, to the permission policy (bulk actions ask
it) and to the ``unit`` an object may be given (:class:`FencedUnitForm`)."""

from __future__ import annotations

import functools

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import URLPattern
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from .fence import registry


def fence_snippet(model, fence) -> None:
    """Put ``model`` behind ``fence``: in the fence registry and in Wagtail's permission
    policies (called at import of the plugin's admin, before Wagtail makes its own)."""
    registry.register(model, fence)
    register_permission_policy(model, FencedPermissionPolicy(model))


def _fence_of(model):
    fence = registry.get(model)
    if fence is None:
        raise LookupError(f"{model.__name__} has no fence in cms.backoffice.fence.registry")
    return fence


class FencedPermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, and for one object the fence too (bulk actions, copy)."""

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(user, action, instance) and _fence_of(
            self.model
        ).can_see(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return _fence_of(self.model).filter(
            user, super().instances_user_has_any_permission_for(user, actions)
        )


def fenced_urls(patterns, model):
    """Every route that names an object (``pk``) answers 404 for one the user may not
    see, before the view loads it (whatever the view)."""

    def fence(view):
        @functools.wraps(view)
        def fenced(request, *args, **kwargs):
            pk = kwargs.get("pk")
            if pk is not None:
                pk = unquote(str(pk))
                if not pk.isdigit():
                    raise Http404
                objects = model._default_manager.filter(pk=pk)
                if not _fence_of(model).filter(request.user, objects).exists():
                    raise Http404
            return view(request, *args, **kwargs)

        return fenced

    return [
        URLPattern(p.pattern, fence(p.callback), p.default_args, p.name)
        if isinstance(p, URLPattern)
        else p
        for p in patterns
    ]


class _FencedChooserList:
    def get_object_list(self):
        return _fence_of(self.model_class).filter(self.request.user, super().get_object_list())


class FencedChooseView(_FencedChooserList, ChooseView):
    pass


class FencedChooseResultsView(_FencedChooserList, ChooseResultsView):
    pass


class FencedChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return _fence_of(self.model_class).filter(self.request.user, super().get_objects(pks))


class FencedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = FencedChooseView
    choose_results_view_class = FencedChooseResultsView
    chosen_multiple_view_class = FencedChosenMultipleView

    def get_urlpatterns(self):
        return fenced_urls(super().get_urlpatterns(), self.model)


class FencedUnitForm(WagtailAdminModelForm):
    """An object is given only to a unit of the user's fence (unless the fence admits
    every unit's objects for this user: superusers, or what the fence says)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None or "unit" not in self.fields:
            return
        field = self.fields["unit"]
        field.queryset = _fence_of(self._meta.model).unit_choices(for_user, field.queryset)


class FencedSnippetViewSet(SnippetViewSet):
    """A snippet's admin views with the model's fence on every route."""

    chooser_viewset_class = FencedChooserViewSet

    def get_queryset(self, request):
        return _fence_of(self.model).filter(request.user, self.model._default_manager.all())

    def get_urlpatterns(self):
        return fenced_urls(super().get_urlpatterns(), self.model)
