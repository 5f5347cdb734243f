from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, restore_backup
from cms.backup.report import restored_lines


class Command(BaseCommand):
    help = (
        "Restore a backup_portal archive into a migrated database that holds no users' "
        "data yet; every checksum and the schema are checked first, counts and files after."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive, **options):
        try:
            report = restore_backup(archive)
        except BackupError as exc:
            raise CommandError(exc.both()) from exc
        for line in restored_lines(report):
            self.stdout.write(line)
