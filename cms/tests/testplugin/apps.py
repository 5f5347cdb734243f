from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.plugins import BackupDataset, Banner, HomeTile, MenuEntry, PortalPlugin, SLAMetric


class TestPluginConfig(PortalPlugin, AppConfig):
    name = "cms.tests.testplugin"  # a real plugin: "services.<name>"
    label = "testplugin"
    verbose_name = _("Tickets")
    default_auto_field = "django.db.models.BigAutoField"

    url_prefix = "testplugin"  # public URLs at /testplugin/ and /en/testplugin/
    urls = "cms.tests.testplugin.urls"  # namespace "testplugin"

    def get_home_tiles(self, request):
        return [HomeTile(_("Test tile"), _("About the test tile"), reverse("testplugin:index"))]

    def get_menu_entries(self, request):
        return [MenuEntry(_("Test link"), reverse("testplugin:index"))]

    def get_banners(self, request):  # site-wide notices
        return [Banner("test-1", _("Test notice"), url=reverse("testplugin:index"))]

    def get_sla_metrics(self, service_code, start, end):
        if service_code != "TEST-1":
            return []
        return [SLAMetric("answered_in_time", _("Answered in time"), 97.5, "%", target=95)]

    def get_service_start_url(self, service):  # the catalog's "start" button
        return reverse("testplugin:index") if service.code == "TEST-1" else None

    def get_backup_datasets(self):  # users' data and staff records, files included
        return [
            BackupDataset("testplugin.Ticket", description="Tickets sent to units"),
            BackupDataset("testplugin.TicketFile", file_fields=("file",), description="Files"),
            BackupDataset("testplugin.TicketChange", description="Status timeline"),
            BackupDataset("testplugin.TicketStaff", description="Staff of each unit"),
            BackupDataset("testplugin.TicketViewLog", description="Staff views of tickets"),
        ]

    def setup_portal(self, stdout):  # its part of setup_portal: what is missing only
        from .models import staff_group

        stdout.write(f"  testplugin: group {staff_group().name}")
