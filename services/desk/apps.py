from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.plugins import (
    BackupDataset,
    HomeTile,
    MenuEntry,
    PortalPlugin,
    RestoreCheck,
    SubmissionSummary,
)


class DeskConfig(PortalPlugin, AppConfig):
    """The service desk: online requests and letters, complaints with documents,
    meeting requests, tracking codes and the units' staff queues."""

    name = "services.desk"
    label = "desk"
    verbose_name = _("Service desk")
    default_auto_field = "django.db.models.BigAutoField"

    url_prefix = "desk"
    urls = "services.desk.urls"
    # Citizens follow up at the short address /track/.
    extra_url_prefixes = {"track": "services.desk.track_urls"}

    def ready(self):
        # The models use these modules, which import the models (services.desk.models.wiring).
        from .forms import ServiceFormPageBaseForm
        from .models.wiring import provide
        from .routing import handled_unit_ids
        from .submission import submit_form_page_request

        provide(
            form_page_base_form=ServiceFormPageBaseForm,
            submit_form_page_request=submit_form_page_request,
            handled_unit_ids=handled_unit_ids,
        )

    def get_home_tiles(self, request):
        return [
            HomeTile(
                _("Service desk"),
                _("Send a request, a letter, a complaint or a meeting request online."),
                reverse("desk:hub"),
                icon="desk",
                order=20,
            ),
            HomeTile(
                _("Follow up a request"),
                _("With your tracking code and mobile number."),
                reverse("desk_track:lookup"),
                icon="search",
                order=21,
            ),
        ]

    def get_menu_entries(self, request):
        return [
            MenuEntry(_("Service desk"), reverse("desk:hub"), order=20),
            MenuEntry(_("Follow up"), reverse("desk_track:lookup"), order=21),
        ]

    def get_sla_metrics(self, service_code, start, end):
        from .metrics import service_metrics

        return service_metrics(service_code, start, end)

    def get_service_start_url(self, service):
        """The desk is every open catalog service's fallback: an editor-built form page
        of the service first; else, when no other plugin delivers the service itself,
        the desk's request form with the service chosen."""
        from .models import ServiceFormPage

        if getattr(service, "pk", None) is None or not getattr(service, "code", ""):
            return None
        page = ServiceFormPage.objects.live().public().filter(service=service).first()
        if page is not None:
            return page.url
        if self._delivered_elsewhere(service):
            return None
        return reverse("desk:form", args=["request"]) + f"?service={service.code}"

    def _delivered_elsewhere(self, service) -> bool:
        from cms.plugins import registry

        for plugin in registry.plugins():
            if plugin is self:
                continue
            try:
                if plugin.get_service_start_url(service):
                    return True
            except Exception:  # noqa: S112 - the registry logs failing plugins itself
                continue
        return False

    def setup_portal(self, stdout):
        # The group that lets desk staff into the admin; who works which unit's queue is
        # set per person under Desk > Staff.
        from .models.staff import ensure_staff_group

        group = ensure_staff_group()
        stdout.write(f"  desk: group {group.name}")

    def get_backup_datasets(self):
        return [
            BackupDataset("desk.ServiceRequest", description="Citizens' requests"),
            BackupDataset("desk.StatusChange", description="Status timeline of requests"),
            BackupDataset("desk.RequestMessage", description="Correspondence and notes"),
            BackupDataset("desk.Attachment", file_fields=("file",), description="Documents sent"),
            BackupDataset("desk.MeetingProposal", description="Meeting times"),
            BackupDataset("desk.DeskStaff", description="Staff of each unit's desk"),
            BackupDataset("desk.RequestViewLog", description="Staff views of requests"),
        ]

    def take_handover(self, handover):
        """A conversation another channel passes on (a live chat the official needs time
        for) becomes a request in the same unit's queue, its transcript as the text."""
        from sitepages.models import UnitPage

        from .enums import RequestChannel
        from .submission import create_request

        unit = UnitPage.objects.filter(pk=handover.unit_id).first()
        if unit is None:
            return None
        service_request = create_request(
            channel=RequestChannel.REQUEST,
            unit=unit,
            citizen={"name": handover.name, "mobile": handover.mobile},
            subject=handover.subject[:200],
            body=handover.body,
            language=handover.language,
        )
        return service_request.tracking_code

    def find_submissions(self, mobile):
        """The requests made with ``mobile``, for "my requests" (/track/mine/)."""
        from .models import ServiceRequest

        requests = ServiceRequest.objects.filter(mobile=mobile).order_by("-submitted_at")
        return [
            SubmissionSummary(
                plugin=self.label,
                ref=str(item.pk),
                kind=item.get_channel_display(),
                title=item.subject,
                code=item.formatted_code,
                status=item.get_status_display(),
                submitted_at=item.submitted_at,
            )
            for item in requests
        ]

    def open_submission(self, request, ref, mobile):
        """Opens the request as its tracking code and mobile number would."""
        from .models import ServiceRequest
        from .views import tracking

        if not ref.isdigit():
            return None
        found = ServiceRequest.objects.filter(pk=int(ref), mobile=mobile).first()
        if found is None:
            return None
        tracking.open(request, found)
        return reverse("desk_track:detail")

    def verify_restored(self, sample):
        """Open restored requests as citizens do at /track/: tracking code plus mobile."""
        from .models import ServiceRequest
        from .views import find_request

        checks = []
        for pk, code, mobile in ServiceRequest.objects.order_by("?").values_list(
            "pk", "tracking_code", "mobile"
        )[:sample]:
            found = find_request(code, mobile)
            checks.append(RestoreCheck(f"desk {code}", found is not None and found.pk == pk))
        return checks
