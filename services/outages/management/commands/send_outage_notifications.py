from django.core.management.base import BaseCommand

from services.outages.notifications import send_pending_notifications


class Command(BaseCommand):
    help = (
        "Email subscribers about notice updates that have not been sent yet (a send that "
        "failed, or a task backend that runs later). Safe to run from cron every minute."
    )

    def handle(self, *args, **options):
        sent = send_pending_notifications()
        self.stdout.write(f"{sent} emails sent.")
