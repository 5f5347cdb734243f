from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from cms.backup import bilingual
from cms.backup.errors import fmt
from cms.jalali import parse_date
from sla.models import Service
from sla.models.services import normalize_code
from sla.termination import TerminationRefused, terminate


class Command(BaseCommand):
    help = (
        "Terminate a catalog service as its SLA statement says: back the portal up, verify "
        "the archive with a restore drill, and only then close the service's intake. "
        "Nothing is deleted; existing requests stay readable."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="The service code, e.g. LOAN-01.")
        parser.add_argument(
            "--ended-on", help="The Jalali date it ends on, e.g. 1404/12/29 (default: today)."
        )
        parser.add_argument("--user", help="The username to record (default: manage.py).")
        parser.add_argument(
            "--unencrypted", action="store_true", help="Allow a plain archive in production."
        )

    def handle(self, *args, code, ended_on=None, user=None, unencrypted=False, **options):
        service = Service.objects.filter(code=normalize_code(code)).first()
        if service is None:
            raise CommandError(
                bilingual(fmt(_("No service with the code %(code)s."), {"code": code}))
            )
        day = None
        if ended_on:
            try:
                day = parse_date(ended_on)
            except ValueError as exc:
                raise CommandError(
                    bilingual(
                        fmt(
                            _("%(value)s is not a Jalali date like 1404/12/29."),
                            {"value": ended_on},
                        )
                    )
                ) from exc
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(bilingual(fmt(_("No user named %(name)s."), {"name": user})))
        try:
            result = terminate(service, user=account, ended_on=day, unencrypted=unencrypted)
        except TerminationRefused as exc:
            for line in exc.report:
                self.stderr.write(line)
            raise CommandError(bilingual(exc.args[0])) from exc
        for line in result.report:
            self.stdout.write(line)
        record = result.termination
        self.stdout.write(
            bilingual(
                fmt(
                    _("%(code)s terminated; its users' data is in %(path)s (SHA-256 %(sha)s)."),
                    {
                        "code": service.code,
                        "path": record.archive_path,
                        "sha": record.archive_sha256,
                    },
                )
            )
        )
