"""``manage.py chat_abandon``: the waiting chats whose citizen's page went quiet for
``CHAT_CITIZEN_GONE_SECONDS`` (120) leave the queue as abandoned, with no console open.
Cron-safe: each chat is claimed by a conditional UPDATE, so two runs at once never move
or count a chat twice. Run it every minute (``deploy/systemd/portal-chat-abandon.timer``)."""

from django.core.management.base import BaseCommand

from ...domain import abandon_gone


class Command(BaseCommand):
    help = "Abandon waiting live chats whose citizen's page went quiet (CHAT_CITIZEN_GONE_SECONDS)."

    def handle(self, *args, **options):
        count = abandon_gone()
        self.stdout.write(f"Abandoned {count} waiting chat(s) whose page went quiet.")
