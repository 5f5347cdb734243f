from django.apps import AppConfig
from django.urls import reverse

from cms.plugins import BackupDataset, Banner, HomeTile, MenuEntry, PortalPlugin, SLAMetric


class TestPluginConfig(PortalPlugin, AppConfig):
    name = "cms.tests.testplugin"
    label = "testplugin"
    verbose_name = "Test plugin"
    default_auto_field = "django.db.models.BigAutoField"

    url_prefix = "testplugin"
    urls = "cms.tests.testplugin.urls"

    def get_home_tiles(self, request):
        return [HomeTile("کاشی آزمایشی", "توضیح کاشی آزمایشی", reverse("testplugin:index"))]

    def get_menu_entries(self, request):
        return [MenuEntry("پیوند آزمایشی", reverse("testplugin:index"))]

    def get_banners(self, request):
        return [Banner("test-1", "اطلاعیهٔ آزمایشی", url=reverse("testplugin:index"))]

    def get_sla_metrics(self, service_code, start, end):
        if service_code != "TEST-1":
            return []
        return [SLAMetric("answered_in_time", "پاسخ به‌موقع", 97.5, "%", target=95)]

    def get_service_start_url(self, service):
        if getattr(service, "code", None) == "TEST-1":
            return reverse("testplugin:index")
        return None

    def setup_portal(self, stdout):
        from django.contrib.auth.models import Group

        Group.objects.get_or_create(name="Test plugin staff")
        stdout.write("  testplugin: group Test plugin staff")

    def get_backup_datasets(self):
        return [
            BackupDataset("testplugin.TestSubmission", file_fields=("attachment",)),
            # A shared PrivateUpload: its file is in the private storage.
            BackupDataset("testplugin.TestUpload", file_fields=("file",)),
        ]
