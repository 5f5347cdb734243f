"""Registers the sla app's admin screens and dashboard panel; the classes live beside."""

from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission

from .panels import ExpiringStatementsPanel
from .termination_admin import terminate_button
from .viewsets import SLAViewSetGroup


@hooks.register("register_admin_viewset")
def register_sla_viewsets():
    return SLAViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_expiring_statements_panel(request, panels):
    if user_has_any_page_permission(request.user):
        panels.append(ExpiringStatementsPanel(request))


@hooks.register("register_snippet_listing_buttons")
def add_terminate_button(snippet, user, next_url=None):
    return terminate_button(snippet, user)
