from django.core.management.base import BaseCommand

from services.desk.escalation import escalate_overdue


class Command(BaseCommand):
    help = (
        "Email the unit's managers once about each overdue request. Safe to run from cron "
        "every few minutes: a request is escalated only once."
    )

    def handle(self, *args, **options):
        sent = escalate_overdue()
        self.stdout.write(f"Escalated {sent} overdue request(s).")
