import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError
from cms.backup.report import drill_lines
from cms.backup.verify import RESULT_PREFIX, drill_in_scratch, run_drill


class Command(BaseCommand):
    help = (
        "Restore drill: restore an archive into a throw-away SQLite database and files "
        "folder, check every count and checksum, open a sample of tracking codes as their "
        "owners do, and exit non-zero on any difference. The live database is not touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--sample", type=int, default=5, help="Tracking codes to open per plugin (5)."
        )
        # The drill's child process; never meant to be typed.
        parser.add_argument("--in-scratch", action="store_true", help="(internal)")

    def handle(self, *args, archive, sample, in_scratch, **options):
        if in_scratch:
            try:
                result = drill_in_scratch(archive, sample)
            except BackupError as exc:
                raise CommandError(exc.both()) from exc
            self.stdout.write(RESULT_PREFIX + json.dumps(result.__dict__, ensure_ascii=False))
            return
        if not archive.is_file():
            raise CommandError(f"No archive at {archive} / بایگانی‌ای در {archive} نیست")
        result = run_drill(archive, sample)
        for line in drill_lines(result, archive):
            self.stdout.write(line)
        if not result.ok:
            raise CommandError("verify_backup: the drill failed / آزمون بازگردانی ناموفق بود")
