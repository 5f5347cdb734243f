"""Email the owners of SLA statements that expire within 30 days (once a day each)."""

from django.core.management.base import BaseCommand

from cms.jalali import parse_date
from sla.models.pages import EXPIRY_WARNING_DAYS
from sla.notifications import notify_expiring


class Command(BaseCommand):
    help = (
        "Email the owners of live SLA statements that expire within the warning period. "
        "Safe to run many times a day: each statement is emailed at most once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=EXPIRY_WARNING_DAYS)
        parser.add_argument("--dry-run", action="store_true", help="Tell who would be emailed.")
        parser.add_argument(
            "--date", help="Act as if today were this Jalali date (e.g. 1400/12/01); for checks."
        )

    def handle(self, *args, days, dry_run, date=None, **options):
        today = parse_date(date) if date else None
        results = notify_expiring(today=today, days=days, dry_run=dry_run)
        for result in results:
            status = "sent" if result.sent else result.reason
            self.stdout.write(
                f"{result.statement.title} (#{result.statement.pk}): {status}"
                f" {', '.join(result.recipients)}".rstrip()
            )
        sent = sum(result.sent for result in results)
        self.stdout.write(self.style.SUCCESS(f"{sent} email(s) sent, {len(results)} statement(s)."))
