from django.core.management.base import BaseCommand
from django.db import transaction

from cms.demo import registered_loaders
from cms.setup import setup_portal


class Command(BaseCommand):
    help = (
        "Set up the portal (setup_portal), then load the demo content of every installed "
        "app (its demo_content.py). Safe to run again: what exists is kept, nothing is "
        "duplicated."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            setup_portal(self.stdout)
            for loader in registered_loaders():
                self.stdout.write(f"- {loader.__module__}.{loader.__name__}")
                loader(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
