from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.plugins import BackupDataset, PortalPlugin, RestoreCheck


class ChatConfig(PortalPlugin, AppConfig):
    """Live chat with the units' officials (channel 1 of the SLA statement): WebSockets
    with a polling fallback, queue, transcripts found again by tracking code + mobile."""

    name = "services.chat"
    label = "chat"
    verbose_name = _("Live chat")
    default_auto_field = "django.db.models.BigAutoField"

    url_prefix = "chat"
    urls = "services.chat.urls"
    websocket_urls = "services.chat.routing"

    def ready(self):
        from . import signals

        signals.connect()

    def get_home_tiles(self, request):
        from .entry import home_tiles

        return home_tiles(request)

    def get_menu_entries(self, request):
        from .entry import menu_entries

        return menu_entries(request)

    def find_tracked(self, request, code, second_factor):
        from .entry import find_tracked

        return find_tracked(request, code, second_factor)

    def get_sla_metrics(self, service_code, start, end):
        from .metrics import service_metrics

        return service_metrics(service_code, start, end)

    def get_service_start_url(self, service):
        """The chat delivers its own catalog service: its start button opens the chat."""
        from . import conf

        if getattr(service, "code", "") != conf.service_code():
            return None
        return reverse("chat:hub")

    def setup_portal(self, stdout):
        # The groups that let chat officials and managers into the admin; who answers
        # which unit's chats is set per person under Live chat > Officials.
        from .admin.setup import ensure_groups

        ensure_groups(stdout)

    def verify_restored(self, sample):
        """Open restored transcripts as citizens do: tracking code plus mobile."""
        from . import domain
        from .models import ChatSession

        checks = []
        chats = ChatSession.objects.filter(anonymised_at__isnull=True).order_by("?")
        for pk, code, mobile in chats.values_list("pk", "tracking_code", "mobile")[:sample]:
            found = domain.find_by_code(code, mobile)
            checks.append(RestoreCheck(f"chat {code}", found is not None and found.pk == pk))
        return checks

    def find_submissions(self, mobile):
        from .mine import find_submissions

        return find_submissions(mobile)

    def open_submission(self, request, ref, mobile):
        from .mine import open_submission

        return open_submission(request, ref, mobile)

    def get_backup_datasets(self):
        return [
            BackupDataset("chat.ChatSession", description="Chats with citizens"),
            BackupDataset("chat.ChatMessage", description="Messages and internal notes"),
            BackupDataset("chat.ChatAttachment", file_fields=("file",), description="Files sent"),
            BackupDataset("chat.ChatTransition", description="State changes of chats"),
            BackupDataset("chat.ChatTransfer", description="Transfers of chats"),
            BackupDataset("chat.ChatMembership", description="Officials of each unit's chat"),
            BackupDataset("chat.ChatOfficial", description="Availability and capacity"),
            BackupDataset("chat.ChatViewLog", description="Staff views of chats"),
        ]
