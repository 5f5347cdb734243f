from django.core.management.base import BaseCommand

from services.desk.meetings import send_reminders


class Command(BaseCommand):
    help = (
        "Text each citizen whose accepted or confirmed meeting is tomorrow. Safe to run "
        "from cron as often as you like: each meeting is reminded once (its sent-at mark)."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"Sent {sent} meeting reminder(s).")
