from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cms.plugins import BackupDataset, PortalPlugin


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

    def get_home_tiles(self, request):
        from .entry import home_tiles

        return home_tiles(request)

    def get_menu_entries(self, request):
        from .entry import menu_entries

        return menu_entries(request)

    def find_tracked(self, request, code, second_factor):
        from .entry import find_tracked

        return find_tracked(request, code, second_factor)

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
