"""The dashboard panel that asks the administrator to fill in the portal's settings.

``setup_portal`` leaves the university's name at its generic default and its contacts
empty; until someone fills them in, people who may change the settings see which
fields are missing, with a link to the form.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from .models import PortalSettings

CONTACT_FIELDS = ("phone", "email", "address", "office_hours")


def missing_settings(portal: PortalSettings) -> list[str]:
    """Verbose names of the settings still as ``setup_portal`` left them."""
    missing = []
    default_name = PortalSettings._meta.get_field("university_name").default
    if portal.university_name == default_name:
        missing.append(PortalSettings._meta.get_field("university_name").verbose_name)
    for name in CONTACT_FIELDS:
        if not getattr(portal, name):
            missing.append(PortalSettings._meta.get_field(name).verbose_name)
    return missing


class PortalSetupPanel(Component):
    name = "portal_setup"
    template_name = "sitepages/admin/setup_panel.html"
    order = 10

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return ""
        missing = missing_settings(PortalSettings.for_site(site))
        if not missing:
            return ""
        context = {
            "missing": missing,
            "edit_url": reverse(
                "wagtailsettings:edit", args=["sitepages", "portalsettings", site.pk]
            ),
        }
        return render_to_string(self.template_name, context, request=self.request)
