from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from cms.backup import create_backup


class Command(BaseCommand):
    help = (
        "Write the whole portal (database and files, users' data and attachments "
        "included) into one .tar.gz archive with a manifest and checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Archive path (default: DATA_DIR/backups/portal-<UTC time>.tar.gz).",
        )

    def handle(self, *args, output=None, **options):
        from django.conf import settings

        if output is None:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            output = Path(settings.DATA_DIR) / "backups" / f"portal-{stamp}.tar.gz"
        manifest = create_backup(output)
        for dataset in manifest["datasets"]:
            self.stdout.write(
                f"- {dataset['model']}: {dataset['rows']} rows, {len(dataset['files'])} files"
            )
            for name in dataset["missing_files"]:
                self.stderr.write(self.style.WARNING(f"  file missing on disk: {name}"))
        self.stdout.write(self.style.SUCCESS(f"Backup written to {output}"))
