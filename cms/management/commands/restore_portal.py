from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup_portal archive into a migrated database that holds no users' "
        "data yet; every checksum is verified first, and counts and files after."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive, **options):
        if not archive.is_file():
            raise CommandError(f"No archive at {archive}")
        try:
            report = restore_backup(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for model, rows in report.datasets.items():
            self.stdout.write(f"- {model}: {rows} rows")
        self.stdout.write(self.style.SUCCESS(f"Restored and verified; {report.files} files."))
