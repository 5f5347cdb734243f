from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.plugins import BackupDataset, HomeTile, MenuEntry, PortalPlugin, SLAMetric


class OutagesConfig(PortalPlugin, AppConfig):
    """Outage and maintenance notices, the site-wide banner and the status page."""

    name = "services.outages"
    label = "outages"
    verbose_name = _("Outages and maintenance")
    default_auto_field = "django.db.models.BigAutoField"

    url_prefix = "status"
    urls = "services.outages.urls"

    def ready(self):
        from . import signals

        signals.connect()

    def get_home_tiles(self, request):
        return [
            HomeTile(
                _("Service status"),
                _("Outages, planned maintenance and how available each service has been"),
                reverse("outages:index"),
                icon="pulse",
                order=80,
            )
        ]

    def get_menu_entries(self, request):
        return [MenuEntry(_("Service status"), reverse("outages:index"), order=80)]

    def get_banners(self, request):
        from .banners import banners

        return banners(request)

    def get_sla_metrics(self, service_code, start, end):
        from sla.models import Service

        from .status import service_availability

        service = (
            Service.objects.filter(code=service_code).only("pk", "availability_target").first()
        )
        if service is None:
            return []
        value, count = service_availability(service, start, end)
        return [
            SLAMetric(
                "availability",
                _("Availability"),
                value,
                "%",
                target=service.availability_target,
                sample_size=count,
            )
        ]

    def setup_portal(self, stdout):
        from .setup import ensure_notice_permissions, ensure_notice_workflow

        ensure_notice_permissions(stdout)
        ensure_notice_workflow(stdout)

    def get_backup_datasets(self):
        return [
            BackupDataset(
                "outages.Subscriber",
                description="Email addresses subscribed to outage and maintenance notices.",
            )
        ]
