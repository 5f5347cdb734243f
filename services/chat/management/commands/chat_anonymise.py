"""``manage.py chat_anonymise [--days N] [--dry-run]``: anonymise closed chats past
their retention (``CHAT_RETENTION_DAYS``, default 365; 0 keeps them all). Cron-safe and
idempotent: run it daily (``deploy/systemd/portal-chat-retention.timer``)."""

from django.core.management.base import BaseCommand, CommandError

from ..retention import anonymise_due, cutoff


class Command(BaseCommand):
    help = "Anonymise closed live chats older than the retention period (CHAT_RETENTION_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Retention in days (default: the setting)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the chats due, change nothing."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more.")
        before = cutoff(days=days)
        if before is None:
            self.stdout.write("Retention is off (0 days): nothing anonymised.")
            return
        result = anonymise_due(days=days, dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"{result.chats} chat(s) closed before {before:%Y-%m-%d} are due.")
            return
        self.stdout.write(
            f"Anonymised {result.chats} chat(s) closed before {before:%Y-%m-%d}: "
            f"{result.messages} message(s) emptied, {result.files} file(s) removed."
        )
