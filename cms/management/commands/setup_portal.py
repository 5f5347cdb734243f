from django.core.management.base import BaseCommand

from cms.setup import setup_portal


class Command(BaseCommand):
    help = (
        "Set up a real portal: the page tree in Persian and English, site settings to fill "
        "in, groups and permissions, the working week and the moderation workflow. Safe to "
        "run again: what exists is never changed."
    )

    def handle(self, *args, **options):
        setup_portal(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                "The portal is set up. Fill in Settings > Portal settings (name, contacts) "
                "and Settings > Working calendar in the admin."
            )
        )
