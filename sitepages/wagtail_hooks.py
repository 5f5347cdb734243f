"""Registers the portal pages' dashboard panel; the class lives in panels.py."""

from wagtail import hooks

from .panels import PortalSetupPanel


@hooks.register("construct_homepage_panels")
def add_portal_setup_panel(request, panels):
    if request.user.has_perm("sitepages.change_portalsettings"):
        panels.append(PortalSetupPanel(request))
