from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from cms.backup import BackupError, bilingual, create_backup, crypto
from cms.backup.errors import fmt
from cms.backup.report import backup_lines, drill_lines, missing_lines
from cms.backup.retention import backup_dir, default_name, file_sha256, mark_verified, prune
from cms.backup.verify import run_drill


class Command(BaseCommand):
    help = (
        "Write the whole portal (every table and the files its rows point to, users' "
        "attachments included) from one snapshot into one archive with a manifest and "
        "checksums, encrypted with age when BACKUP_ENCRYPTION_KEY or BACKUP_RECIPIENTS is set."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Archive path (default: BACKUP_DIR/portal-<UTC time>.tar.gz[.age]).",
        )
        parser.add_argument(
            "--unencrypted",
            action="store_true",
            help="Write a plain archive even where encryption is required (production).",
        )
        parser.add_argument(
            "--verify", action="store_true", help="Run the restore drill on it right after."
        )
        parser.add_argument(
            "--keep",
            type=int,
            metavar="N",
            help="Then remove older archives beyond N in its folder (never the newest verified).",
        )

    def handle(self, *args, output=None, unencrypted=False, verify=False, keep=None, **options):
        if keep is not None and keep < 1:
            raise CommandError("--keep must be 1 or more / --keep باید ۱ یا بیشتر باشد")
        try:
            encrypted = not unencrypted and bool(crypto.recipients())
            if output is None:
                output = backup_dir() / default_name(encrypted)
            manifest = create_backup(output, unencrypted=unencrypted)
        except BackupError as exc:
            raise CommandError(exc.both()) from exc
        for line in backup_lines(manifest, output):
            self.stdout.write(line)
        for line in missing_lines(manifest):
            self.stderr.write(self.style.WARNING(line))
        sha256 = file_sha256(output)
        self.stdout.write(f"SHA-256 {sha256}")
        if verify:
            result = run_drill(output)
            for line in drill_lines(result, output):
                self.stdout.write(line)
            if not result.ok:
                raise CommandError(bilingual(_("The new archive failed its restore drill.")))
            mark_verified(output, sha256)
        if keep is not None:
            for path in prune(output.parent, keep):
                self.stdout.write(
                    bilingual(fmt(_("Removed old archive %(path)s"), {"path": path})).replace(
                        "\n", "  |  "
                    )
                )
